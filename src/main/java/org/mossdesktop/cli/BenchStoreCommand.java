// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.mossdesktop.chat.Conversation;
import org.mossdesktop.chat.Message;
import org.mossdesktop.chat.ReplyInfo;
import org.mossdesktop.chat.Role;
import org.mossdesktop.chat.Transcript;
import org.mossdesktop.engine.FinishReason;
import org.mossdesktop.engine.GenerationSettings;
import org.mossdesktop.export.ConversationExport;
import org.mossdesktop.export.MarkdownExport;
import org.mossdesktop.i18n.Messages;
import org.mossdesktop.store.ConversationStore;
import org.mossdesktop.store.StoreOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code moss-desktop bench-store}: fills a store with generated bilingual conversations and measures what
 * a user waits for: opening, saving a message, searching, exporting everything. Prints a Markdown table
 * for docs/PERFORMANCE.md, with the disk's own fsync time as the reference for a durable save.
 */
@Command(
        name = "bench-store",
        mixinStandardHelpOptions = true,
        description = "Benchmark the conversation store on generated bilingual conversations (in a temporary"
                + " folder unless --dir is given).")
public final class BenchStoreCommand implements Callable<Integer> {

    @Option(names = "--conversations", defaultValue = "1000", description = "Conversations (default ${DEFAULT-VALUE}).")
    int conversations;

    @Option(
            names = "--messages",
            defaultValue = "50",
            description = "Messages per conversation (default ${DEFAULT-VALUE}).")
    int messages;

    @Option(
            names = "--saves",
            defaultValue = "500",
            description = "Messages saved per durability mode (default ${DEFAULT-VALUE}).")
    int saves;

    @Option(
            names = "--search-rounds",
            defaultValue = "20",
            description = "Rounds over the query set (default ${DEFAULT-VALUE}).")
    int searchRounds;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to build the store; kept afterwards.")
    Path dir;

    @Spec
    CommandSpec spec;

    private final List<String[]> rows = new ArrayList<>();

    /** Runs the benchmark without the rest of the app (no JavaFX), e.g. on a server. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchStoreCommand()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        boolean temporary = dir == null;
        Path folder = temporary ? Files.createTempDirectory("moss-bench-store") : dir;
        Path database = folder.resolve("conversations.db");
        Files.deleteIfExists(database);
        try {
            fill(database, out);
            open(database);
            save(database);
            search(database);
            export(database, folder);
            out.println();
            out.println("| measure | result | reference |");
            out.println("|---|---|---|");
            for (String[] row : rows) {
                out.println("| " + String.join(" | ", row) + " |");
            }
            out.flush();
        } finally {
            if (temporary) {
                deleteRecursively(folder);
            }
        }
        return 0;
    }

    private void fill(Path database, PrintWriter out) throws IOException {
        Random random = new Random(2026);
        long started = System.nanoTime();
        try (ConversationStore store = ConversationStore.open(database, StoreOptions.DEFAULTS)) {
            for (int c = 0; c < conversations; c++) {
                store.importTranscript(BilingualChats.conversation(random, c, messages));
                if ((c + 1) % 200 == 0) {
                    out.println("filled " + (c + 1) + " conversations");
                    out.flush();
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long bytes = Files.size(database);
        rows.add(new String[] {
            "fill: " + conversations + " × " + messages + " messages (one transaction per conversation)",
            String.format(Locale.ROOT, "%.1f s, database %.0f MiB", seconds, bytes / 1048576.0),
            ""
        });
    }

    private void open(Path database) {
        double[] quick = new double[7];
        for (int i = 0; i < quick.length; i++) {
            long started = System.nanoTime();
            try (ConversationStore store = ConversationStore.open(database, StoreOptions.DEFAULTS)) {
                store.list();
                quick[i] = millis(started);
            }
        }
        double[] checked = new double[3];
        for (int i = 0; i < checked.length; i++) {
            long started = System.nanoTime();
            try (ConversationStore store = ConversationStore.open(
                    database, StoreOptions.DEFAULTS.withIntegrityCheck(StoreOptions.IntegrityCheck.ALWAYS))) {
                store.list();
                checked[i] = millis(started);
            }
        }
        rows.add(new String[] {
            "open + list all conversations (after a clean shutdown), median of " + quick.length,
            ms(percentile(quick, 50)),
            ""
        });
        rows.add(new String[] {
            "open + full integrity check + list (after a crash), median of " + checked.length,
            ms(percentile(checked, 50)),
            ""
        });
    }

    private void save(Path database) throws IOException {
        double[] fsync = fsyncReference(database.resolveSibling("fsync-probe"), saves);
        for (StoreOptions.Durability durability : StoreOptions.Durability.values()) {
            Random random = new Random(7);
            double[] latencies = new double[saves];
            try (ConversationStore store =
                    ConversationStore.open(database, StoreOptions.DEFAULTS.withDurability(durability))) {
                List<Long> ids = store.list().stream().map(Conversation::id).toList();
                for (int i = 0; i < saves; i++) {
                    long id = ids.get(random.nextInt(ids.size()));
                    Message message = Message.user(id, BilingualChats.userText(random), Instant.now());
                    long started = System.nanoTime();
                    store.append(message);
                    latencies[i] = millis(started);
                }
            }
            rows.add(new String[] {
                "save one message, synchronous=" + durability
                        + (durability == StoreOptions.Durability.FULL ? " (shipped)" : ""),
                latency(latencies),
                durability == StoreOptions.Durability.FULL ? "fsync of a 4 KiB write: " + latency(fsync) : ""
            });
        }
        streamReplies(database);
    }

    /**
     * A streaming reply is saved again and again as it grows, its whole text each time (what the store's
     * drafts and the final save do): the cost of re-indexing a long text is part of every such save.
     */
    private void streamReplies(Path database) {
        int sentences = 20;
        Random random = new Random(11);
        double[] latencies = new double[saves];
        long characters = 0;
        try (ConversationStore store = ConversationStore.open(database, StoreOptions.DEFAULTS)) {
            List<Long> ids = store.list().stream().map(Conversation::id).toList();
            Message reply = null;
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < saves; i++) {
                if (i % sentences == 0) {
                    long id = ids.get(random.nextInt(ids.size()));
                    reply = store.append(Message.mossReply(id, Instant.now()));
                    text.setLength(0);
                }
                text.append(text.isEmpty() ? "" : " ").append(BilingualChats.sentences(random, 1));
                characters += text.length();
                long started = System.nanoTime();
                store.finishReply(reply.withText(text.toString()));
                latencies[i] = millis(started);
            }
        }
        rows.add(new String[] {
            String.format(
                    Locale.ROOT,
                    "save a streaming reply as it grows, synchronous=FULL (its whole text, 1–%d sentences,"
                            + " %d characters on average)",
                    sentences,
                    characters / saves),
            latency(latencies),
            ""
        });
    }

    private void search(Path database) {
        Map<String, List<String>> classes = new LinkedHashMap<>();
        classes.put(
                "terms of 3+ characters (trigram index)",
                List.of("weather", "machine learning", "数据库", "西湖的风景", "python 函数", "Quantum", "返回值", "the"));
        classes.put("terms of 1–2 characters (short-term index)", List.of("北京", "模型", "猫", "AI", "天气 上海"));
        classes.put("no match, 3+ characters (trigram index)", List.of("zyxwvut", "独角兽乐园"));
        classes.put("no match, 2 characters (short-term index)", List.of("鲸鱼", "qz"));
        // Short terms with a symbol have no index and are matched with LIKE; apart, not in the total.
        List<String> symbols = List.of("C#", "°F");
        try (ConversationStore store = ConversationStore.open(database, StoreOptions.DEFAULTS)) {
            for (List<String> queries : classes.values()) {
                queries.forEach(query -> store.search(query, 50)); // warm the page cache and statements
            }
            symbols.forEach(query -> store.search(query, 50));
            List<Double> all = new ArrayList<>();
            for (Map.Entry<String, List<String>> entry : classes.entrySet()) {
                double[] latencies = measureSearches(store, entry.getKey(), entry.getValue());
                Arrays.stream(latencies).forEach(all::add);
            }
            double[] every = all.stream().mapToDouble(Double::doubleValue).toArray();
            rows.add(new String[] {
                "search, all " + every.length + " queries above (limit 50 conversations)",
                latency(every),
                "target p99 ≤ 50 ms"
            });
            measureSearches(store, "1–2 characters with a symbol, no match (LIKE reads every message)", symbols);
        }
    }

    private double[] measureSearches(ConversationStore store, String name, List<String> queries) {
        double[] latencies = new double[queries.size() * searchRounds];
        int hits = 0;
        for (int round = 0; round < searchRounds; round++) {
            for (int q = 0; q < queries.size(); q++) {
                long started = System.nanoTime();
                hits += store.search(queries.get(q), 50).size();
                latencies[round * queries.size() + q] = millis(started);
            }
        }
        rows.add(new String[] {
            "search, " + name + ": "
                    + String.join(", ", queries.stream().map(q -> "`" + q + "`").toList()),
            latency(latencies) + String.format(Locale.ROOT, " (%.0f hits/query)", hits / (double) latencies.length),
            "target p99 ≤ 50 ms"
        });
        return latencies;
    }

    private void export(Path database, Path folder) throws IOException {
        try (ConversationStore store = ConversationStore.open(database, StoreOptions.DEFAULTS)) {
            List<Long> ids = store.list().stream().map(Conversation::id).toList();
            long started = System.nanoTime();
            Path json = ConversationExport.json(store, ids, folder.resolve("all.json"), "bench-store", Instant.now());
            double jsonMillis = millis(started);
            started = System.nanoTime();
            List<Path> markdown = ConversationExport.markdown(
                    store, ids, folder.resolve("markdown"), new MarkdownExport(Messages.ENGLISH, ZoneOffset.UTC));
            double markdownMillis = millis(started);
            rows.add(new String[] {
                "export all " + ids.size() + " conversations to JSON",
                String.format(Locale.ROOT, "%.1f s, %.0f MiB", jsonMillis / 1000, Files.size(json) / 1048576.0),
                ""
            });
            rows.add(new String[] {
                "export all " + ids.size() + " conversations to Markdown (one file each)",
                String.format(Locale.ROOT, "%.1f s, %d files", markdownMillis / 1000, markdown.size()),
                ""
            });
        }
    }

    /** What one durable commit cannot beat on this disk: write 4 KiB and force it to storage. */
    private static double[] fsyncReference(Path file, int count) throws IOException {
        double[] latencies = new double[count];
        ByteBuffer page = ByteBuffer.allocate(4096);
        try (FileChannel channel = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE)) {
            for (int i = 0; i < count; i++) {
                page.clear();
                long started = System.nanoTime();
                channel.write(page, (long) (i % 64) * 4096);
                channel.force(false);
                latencies[i] = millis(started);
            }
        }
        return latencies;
    }

    private static double millis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e6;
    }

    private static double percentile(double[] values, int percentile) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** p50 and p99, and the fastest run: on a busy machine the gap shows how much is waiting for a core. */
    private static String latency(double[] millis) {
        return "p50 " + ms(percentile(millis, 50)) + ", p99 " + ms(percentile(millis, 99)) + ", min "
                + ms(Arrays.stream(millis).min().orElse(0));
    }

    private static String ms(double millis) {
        return String.format(Locale.ROOT, millis < 10 ? "%.2f ms" : "%.1f ms", millis);
    }

    private static void deleteRecursively(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Generated conversations in Chinese and English (our own sentences), deterministic for a seed. */
    static final class BilingualChats {

        private static final List<String> CHINESE = List.of(
                "今天北京的天气很好，适合出门散步。",
                "我们来学习机器学习的基本概念。",
                "这个函数的返回值是什么？",
                "数据库索引可以加快查询的速度。",
                "请帮我写一首关于春天的短诗。",
                "上海的地铁非常方便，几乎可以到达每个地方。",
                "模型的参数量有一百六十亿。",
                "如何提高代码的可读性？",
                "杭州西湖的风景很美，尤其是在秋天。",
                "历史上有很多伟大的发明改变了人们的生活。",
                "计算机科学是一门有趣的学科。",
                "我想了解一下量子计算的原理。",
                "这道数学题的答案是四十二。",
                "旅行之前要做好计划，比如预订酒店和车票。",
                "音乐可以让人放松心情。",
                "健康的饮食习惯很重要。",
                "人工智能正在改变世界。",
                "请把这段话翻译成英文。",
                "长江是中国最长的河流。",
                "猫和狗都是常见的宠物。",
                "首先，我们需要明确问题的定义。",
                "其次，可以把大问题拆成几个小问题。",
                "最后，别忘了检查结果是否合理。",
                "如果还有疑问，欢迎继续提问。");

        private static final List<String> ENGLISH = List.of(
                "The weather in Beijing is sunny today.",
                "Let us go through the basics of machine learning.",
                "What does this function return?",
                "An index makes database queries faster.",
                "Write a short poem about spring, please.",
                "The subway in Shanghai reaches almost everywhere.",
                "The model has sixteen billion parameters.",
                "How can I make my code easier to read?",
                "West Lake in Hangzhou is beautiful in autumn.",
                "Quantum computing uses qubits instead of bits.",
                "The answer to this math problem is forty-two.",
                "Plan your trip before you travel: book the hotel and the train.",
                "Music helps people relax.",
                "Healthy eating habits matter.",
                "Artificial intelligence is changing the world.",
                "Please translate this paragraph into Chinese.",
                "The Yangtze is the longest river in China.",
                "Python lists can be reversed with slicing.",
                "Close files with a try-with-resources block.",
                "First, define the problem clearly.",
                "Then split it into smaller problems.",
                "Finally, check that the result makes sense.");

        private static final GenerationSettings SETTINGS =
                new GenerationSettings(0.7, 0.8, 40, 1.02, 512, false, OptionalLong.empty());

        private BilingualChats() {}

        static Transcript conversation(Random random, int index, int messages) {
            Instant start = Instant.parse("2025-01-01T00:00:00Z").plus(Duration.ofHours(7L * index));
            List<Message> turns = new ArrayList<>();
            for (int m = 0; m < messages; m++) {
                Instant at = start.plusSeconds(30L * m);
                if (m % 2 == 0) {
                    turns.add(Message.user(0, userText(random), at));
                } else {
                    String text = sentences(random, 4 + random.nextInt(16));
                    if (random.nextInt(8) == 0) {
                        text += "\n\n```python\nitems = [3, 1, 2]\nprint(items[::-1])\n```";
                    }
                    turns.add(new Message(
                            0,
                            0,
                            Role.MOSS,
                            text,
                            "",
                            "",
                            "",
                            Optional.of(new ReplyInfo(
                                    "moss-moon-003-sft", SETTINGS, FinishReason.EOM, 300 + 40 * m, 120, 90, 4000)),
                            at));
                }
            }
            String title = (random.nextBoolean() ? "关于" + topic(random) + "的问题 " : "Question about ") + topic(random)
                    + " #" + index;
            Instant last = turns.isEmpty() ? start : turns.getLast().createdAt();
            return new Transcript(
                    new Conversation(0, title, start, last, index % 97 == 0, Optional.empty()), turns, Map.of());
        }

        static String userText(Random random) {
            return sentences(random, 1 + random.nextInt(3));
        }

        private static String topic(Random random) {
            String sentence = CHINESE.get(random.nextInt(CHINESE.size()));
            return sentence.substring(0, Math.min(4, sentence.length()));
        }

        static String sentences(Random random, int count) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < count; i++) {
                List<String> language = random.nextBoolean() ? CHINESE : ENGLISH;
                if (i > 0) {
                    text.append(random.nextInt(5) == 0 ? "\n\n" : " ");
                }
                text.append(language.get(random.nextInt(language.size())));
            }
            return text.toString();
        }
    }
}
