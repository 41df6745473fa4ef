// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.chat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.mossdesktop.chat.ReplyEvent.Part;
import org.mossdesktop.engine.FinishReason;
import org.mossdesktop.engine.Generation;
import org.mossdesktop.engine.GenerationRequest;
import org.mossdesktop.engine.GenerationResult;
import org.mossdesktop.engine.GenerationSettings;
import org.mossdesktop.engine.LoadedModel;
import org.mossdesktop.engine.TokenListener;
import org.mossdesktop.i18n.Messages;
import org.mossdesktop.i18n.UserFacingException;
import org.mossdesktop.moss.Command;
import org.mossdesktop.moss.CommandParser;
import org.mossdesktop.moss.CommandResult;
import org.mossdesktop.moss.ContextTrimmer;
import org.mossdesktop.moss.FirstPass;
import org.mossdesktop.moss.MetaInstruction;
import org.mossdesktop.moss.Prompt;
import org.mossdesktop.moss.PromptRenderer;
import org.mossdesktop.moss.Results;
import org.mossdesktop.moss.ResultsFormatter;
import org.mossdesktop.moss.Tool;
import org.mossdesktop.moss.ToolResult;
import org.mossdesktop.moss.Turn;
import org.mossdesktop.plugins.PluginRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a user's message into MOSS's reply: saves the message, renders the conversation in MOSS's format
 * (trimmed to the context window), generates — for the plugin model in two passes with the tools it calls in
 * between — and saves the reply as it grows. Replies run one after another on one thread of their own; each
 * stays with its conversation whatever the user looks at meanwhile.
 */
public final class ConversationService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConversationService.class);
    private static final int TITLE_LENGTH = 40;

    private final ConversationRepository repository;
    private final Clock clock;
    private final PromptRenderer renderer = new PromptRenderer();
    private final CommandParser parser = new CommandParser();
    private final ResultsFormatter formatter = new ResultsFormatter();
    private final ExecutorService replies = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().daemon().name("moss-reply").unstarted(r));

    private volatile Optional<LoadedModel> model = Optional.empty();
    private volatile Optional<PluginRunner> tools = Optional.empty();
    private volatile Reply current;

    public ConversationService(ConversationRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** The model replies come from from now on; empty when none is loaded. */
    public void useModel(Optional<LoadedModel> value) {
        model = value;
    }

    public Optional<LoadedModel> model() {
        return model;
    }

    /** The tools the plugin model may call; with none, the plugin model answers in one pass. */
    public void useTools(Optional<PluginRunner> value) {
        tools = value;
    }

    /** The saved messages of a conversation, oldest first. */
    public List<Message> messages(long conversationId) {
        return repository.messages(conversationId);
    }

    /** Saves the user's message and generates MOSS's reply to it. */
    public Reply send(long conversationId, String text, Consumer<ReplyEvent> events) {
        return submit(events, reply -> {
            List<Message> before = repository.messages(conversationId);
            if (before.isEmpty()) {
                nameAfterFirstMessage(conversationId, text);
            }
            Message user = repository.append(Message.user(conversationId, text, clock.instant()));
            events.accept(new ReplyEvent.UserSaved(user));
            answer(conversationId, turns(before), text, events, reply);
        });
    }

    /** Replaces MOSS's last reply with a new one to the same user message. */
    public Reply regenerate(long conversationId, Consumer<ReplyEvent> events) {
        return submit(events, reply -> {
            List<Message> messages = repository.messages(conversationId);
            int user = lastUserMessage(messages);
            if (user < 0) {
                throw new UserFacingException("chat.nothingToRegenerate");
            }
            if (user + 1 < messages.size()) {
                repository.deleteFrom(messages.get(user + 1).id());
            }
            answer(
                    conversationId,
                    turns(messages.subList(0, user)),
                    messages.get(user).text(),
                    events,
                    reply);
        });
    }

    /**
     * Replaces the user message {@code messageId} by {@code text}, drops every later message, and generates
     * a reply to the new text.
     */
    public Reply editAndResend(long conversationId, long messageId, String text, Consumer<ReplyEvent> events) {
        return submit(events, reply -> {
            List<Message> messages = repository.messages(conversationId);
            int index = indexOf(messages, messageId);
            if (index < 0 || messages.get(index).role() != Role.USER) {
                throw new UserFacingException("chat.noSuchMessage");
            }
            Message user = repository.replaceFrom(messageId, Message.user(conversationId, text, clock.instant()));
            events.accept(new ReplyEvent.UserSaved(user));
            answer(conversationId, turns(messages.subList(0, index)), text, events, reply);
        });
    }

    private interface Flow {
        void run(Reply reply);
    }

    private Reply submit(Consumer<ReplyEvent> events, Flow flow) {
        Reply reply = new Reply();
        try {
            replies.execute(() -> {
                current = reply;
                try {
                    flow.run(reply);
                } catch (RuntimeException e) {
                    LOG.warn("Reply failed", e);
                    events.accept(new ReplyEvent.Failed(userMessage(e)));
                    reply.fail(e);
                } finally {
                    current = null;
                }
            });
        } catch (RejectedExecutionException e) {
            reply.fail(e);
        }
        return reply;
    }

    /** Generates and saves MOSS's answer to {@code text} after {@code history}. */
    private void answer(
            long conversationId, List<Turn> history, String text, Consumer<ReplyEvent> events, Reply reply) {
        LoadedModel loaded = model.orElseThrow(() -> new UserFacingException("chat.noModel"));
        GenerationSettings settings = repository
                .find(conversationId)
                .flatMap(Conversation::settings)
                .orElse(loaded.manifest().generationDefaults());
        Set<Tool> enabled = loaded.manifest().plugin()
                ? tools.map(ConversationService::enabledTools).orElse(Set.of())
                : Set.of();
        MetaInstruction meta = enabled.isEmpty() ? MetaInstruction.sft() : MetaInstruction.of(enabled);

        PromptEncoder encoder = new PromptEncoder(loaded.tokenizer());
        ContextTrimmer trimmer =
                new ContextTrimmer(encoder::count, loaded.generator().contextLength(), settings.maxNewTokens());
        ContextTrimmer.Fitted first = trimmer.fit(history, h -> renderer.prompt(meta, h, text));

        Message draft = repository.append(Message.mossReply(conversationId, clock.instant()));
        events.accept(new ReplyEvent.Started(draft));
        Draft state = new Draft(draft, events);
        long start = System.nanoTime();
        try {
            if (!meta.innerThoughts()) {
                GenerationResult result =
                        generate(loaded, encoder, first.prompt(), settings, false, state, reply, start);
                finish(state, loaded, settings, result, result.promptTokens(), result.generatedTokens(), reply);
                return;
            }
            GenerationResult pass1 = generate(loaded, encoder, first.prompt(), settings, true, state, reply, start);
            FirstPass steps = FirstPass.parse(pass1.text());
            state.steps(steps);
            if (pass1.finishReason() != FinishReason.STOP_TOKEN) {
                // MOSS never finished its commands (stopped, out of tokens, failed): nothing to run.
                finish(state, loaded, settings, pass1, pass1.promptTokens(), pass1.generatedTokens(), reply);
                return;
            }
            Results results = runTools(steps, enabled, state, reply);
            ContextTrimmer.Fitted second = trimmer.fit(
                    history, h -> renderer.secondPass(renderer.prompt(meta, h, text), pass1.text(), results.text()));
            GenerationResult pass2 = generate(loaded, encoder, second.prompt(), settings, false, state, reply, start);
            GenerationResult timed = pass1.timeToFirstToken().isZero() ? pass2 : withFirstTokenOf(pass2, pass1);
            finish(
                    state,
                    loaded,
                    settings,
                    timed,
                    pass2.promptTokens(),
                    pass1.generatedTokens() + pass2.generatedTokens(),
                    reply);
        } catch (RuntimeException e) {
            // Keep what MOSS wrote; the user sees the error beside it.
            Message saved = repository.finishReply(state.message()
                    .withReply(info(loaded, settings, FinishReason.ERROR, 0, 0, Duration.ZERO, Duration.ZERO)));
            events.accept(new ReplyEvent.Failed(userMessage(e)));
            reply.complete(saved);
            LOG.warn("Reply failed", e);
        }
    }

    private GenerationResult generate(
            LoadedModel loaded,
            PromptEncoder encoder,
            Prompt prompt,
            GenerationSettings settings,
            boolean firstPass,
            Draft state,
            Reply reply,
            long start) {
        int[] ids = encoder.encode(prompt);
        List<Integer> stops =
                firstPass ? List.of(loaded.tokenizer().specialTokens().eoc()) : List.of();
        PassOneStream thoughts = new PassOneStream(state::delta);
        int[] generated = {0};
        long[] firstToken = {0};
        TokenListener listener = (token, piece) -> {
            generated[0]++;
            long now = System.nanoTime();
            if (firstToken[0] == 0) {
                firstToken[0] = now;
            }
            if (firstPass) {
                thoughts.accept(piece);
            } else {
                state.replyText(piece);
            }
            state.events.accept(new ReplyEvent.Progress(
                    ids.length, generated[0], (firstToken[0] - start) / 1_000_000, (now - start) / 1_000_000));
        };
        Generation generation = loaded.generator().start(new GenerationRequest(ids, settings, stops), listener);
        reply.generating(generation);
        GenerationResult result = generation.await();
        if (result.finishReason() == FinishReason.ERROR) {
            throw new IllegalStateException("Generation failed", result.error().orElse(null));
        }
        return result;
    }

    private Results runTools(FirstPass steps, Set<Tool> enabled, Draft state, Reply reply) {
        List<Command> commands = parser.parse(steps.commands().orElse("None")).stream()
                .filter(c -> c.tool().filter(enabled::contains).isPresent())
                .toList();
        if (commands.isEmpty() || reply.isStopped()) {
            return Results.none();
        }
        List<CommandResult> outputs;
        reply.callingTools(Thread.currentThread());
        try {
            outputs = tools.orElseThrow().run(commands);
        } catch (InterruptedException e) {
            outputs = List.of();
        } finally {
            reply.callingTools(null);
        }
        Results results = formatter.format(outputs);
        for (CommandResult output : outputs) {
            if (output.result() instanceof ToolResult.Image(byte[] data, String mimeType)) {
                state.attach(
                        repository.attach(state.message().id(), imageName(state.message(), mimeType), mimeType, data));
            }
        }
        state.results(results);
        return results;
    }

    private void finish(
            Draft state,
            LoadedModel loaded,
            GenerationSettings settings,
            GenerationResult timing,
            int promptTokens,
            int generatedTokens,
            Reply reply) {
        FinishReason reason = reply.isStopped() ? FinishReason.CANCELLED : timing.finishReason();
        Message saved = repository.finishReply(state.message()
                .withReply(info(
                        loaded,
                        settings,
                        reason,
                        promptTokens,
                        generatedTokens,
                        timing.timeToFirstToken(),
                        timing.decodeTime())));
        state.events.accept(new ReplyEvent.Finished(saved));
        reply.complete(saved);
    }

    private static ReplyInfo info(
            LoadedModel loaded,
            GenerationSettings settings,
            FinishReason reason,
            int promptTokens,
            int generatedTokens,
            Duration firstToken,
            Duration decode) {
        return new ReplyInfo(
                loaded.manifest().name(),
                settings,
                reason,
                promptTokens,
                generatedTokens,
                firstToken.toMillis(),
                decode.toMillis());
    }

    /** Pass 2's result, but timed from the first token the user saw: pass 1's. */
    private static GenerationResult withFirstTokenOf(GenerationResult pass2, GenerationResult pass1) {
        return new GenerationResult(
                pass2.finishReason(),
                pass2.tokens(),
                pass2.text(),
                pass2.promptTokens(),
                pass2.reusedPromptTokens(),
                pass1.timeToFirstToken(),
                pass1.decodeTime().plus(pass2.timeToFirstToken()).plus(pass2.decodeTime()),
                pass1.decodeRunTime().plus(pass2.decodeRunTime()),
                pass2.error());
    }

    /** The reply as it grows: the message saved so far, and the events the user's view hears. */
    private final class Draft {
        private final Consumer<ReplyEvent> events;
        private Message message;
        private final StringBuilder text = new StringBuilder();
        private final List<Attachment> attachments = new ArrayList<>();

        Draft(Message message, Consumer<ReplyEvent> events) {
            this.message = message;
            this.events = events;
        }

        synchronized Message message() {
            return message;
        }

        /** A piece of MOSS's visible reply. Its leading space (after {@code <|MOSS|>:}) is not shown. */
        void replyText(String piece) {
            String shown;
            synchronized (this) {
                shown = text.isEmpty() ? piece.stripLeading() : piece;
                if (shown.isEmpty()) {
                    return;
                }
                text.append(shown);
                message = message.withText(text.toString());
                repository.updateReply(message);
            }
            events.accept(new ReplyEvent.Delta(Part.REPLY, shown));
        }

        void delta(Part part, String piece) {
            events.accept(new ReplyEvent.Delta(part, piece));
        }

        synchronized void steps(FirstPass steps) {
            message = message.withPluginSteps(
                    steps.innerThoughts().orElse(""), steps.commands().orElse(""), message.results());
            repository.updateReply(message);
        }

        void results(Results results) {
            synchronized (this) {
                // The sources are saved with the reply, so its citations still link after a reload.
                message = message.withPluginSteps(
                                message.innerThoughts(),
                                message.commands(),
                                results.text().orElse(""))
                        .withCitations(results.citations());
                repository.updateReply(message);
            }
            results.text().ifPresent(t -> events.accept(new ReplyEvent.Delta(Part.RESULTS, t)));
            if (!results.citations().isEmpty()) {
                events.accept(new ReplyEvent.Sources(results.citations()));
            }
        }

        synchronized void attach(Attachment attachment) {
            attachments.add(attachment);
            message = message.withAttachments(attachments);
        }
    }

    /** The conversation as MOSS turns: each user message with the reply that answered it. */
    static List<Turn> turns(List<Message> messages) {
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i + 1 < messages.size(); i++) {
            Message human = messages.get(i);
            Message moss = messages.get(i + 1);
            if (human.role() == Role.USER && moss.role() == Role.MOSS) {
                turns.add(new Turn(
                        human.text(),
                        nonEmpty(moss.innerThoughts()),
                        nonEmpty(moss.commands()),
                        nonEmpty(moss.results()),
                        moss.text()));
                i++;
            }
        }
        return turns;
    }

    private void nameAfterFirstMessage(long conversationId, String text) {
        repository.find(conversationId).filter(c -> c.title().isBlank()).ifPresent(c -> {
            repository.rename(conversationId, titleFor(text));
        });
    }

    /** A title for a conversation that starts with {@code text}: its first line, shortened. */
    static String titleFor(String text) {
        String line = text.strip().lines().findFirst().orElse("").strip();
        return line.codePointCount(0, line.length()) <= TITLE_LENGTH
                ? line
                : line.substring(0, line.offsetByCodePoints(0, TITLE_LENGTH - 1)) + "…";
    }

    private static Set<Tool> enabledTools(PluginRunner runner) {
        Set<Tool> enabled = EnumSet.noneOf(Tool.class);
        for (Tool tool : Tool.values()) {
            if (runner.isEnabled(tool)) {
                enabled.add(tool);
            }
        }
        return enabled;
    }

    private static Optional<String> nonEmpty(String text) {
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    private static int lastUserMessage(List<Message> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role() == Role.USER) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(List<Message> messages, long id) {
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).id() == id) {
                return i;
            }
        }
        return -1;
    }

    private static String imageName(Message reply, String mimeType) {
        String extension = mimeType.equals("image/jpeg") ? "jpg" : mimeType.replace("image/", "");
        return "image-" + (reply.attachments().size() + 1) + "." + extension;
    }

    private static String userMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UserFacingException user) {
                return user.getLocalizedMessage();
            }
        }
        return Messages.get("chat.failed", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    /** Stops the reply under way and waits for its thread. */
    @Override
    public void close() {
        Reply running = current;
        if (running != null) {
            running.stop();
        }
        replies.shutdownNow();
        try {
            replies.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
