// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.export;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.mossdesktop.chat.Attachment;
import org.mossdesktop.chat.Conversation;
import org.mossdesktop.chat.ConversationRepository;
import org.mossdesktop.chat.Message;
import org.mossdesktop.chat.ReplyInfo;
import org.mossdesktop.chat.Role;
import org.mossdesktop.chat.Transcript;
import org.mossdesktop.engine.FinishReason;
import org.mossdesktop.engine.GenerationSettings;
import org.mossdesktop.moss.Citations;
import org.mossdesktop.moss.ToolResult;

/**
 * Our own bilingual test conversation (not from MOSS's data), written to trip up an exporter: Markdown and
 * HTML that could break out of a message, plugin steps, an image, and a turn on the next day.
 */
final class SampleConversations {

    /** A real 1×1 PNG. */
    static final byte[] PNG = Base64.getDecoder()
            .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGPQqjoBAAI+AW3HBnKUAAAAAElFTkSuQmCC");

    static final GenerationSettings SETTINGS =
            new GenerationSettings(0.7, 0.8, 40, 1.02, 512, false, OptionalLong.of(42));

    /** The search reply's sources: a title with Markdown in it, and a page with no title but an odd address. */
    static final Citations SOURCES = new Citations(new TreeMap<>(Map.of(
            1,
            new ToolResult.Snippet("杭州旅游 [官方] *攻略*", "https://travel.example.com/hangzhou?day=1&lang=zh", "西湖是杭州的名片……"),
            2,
            new ToolResult.Snippet("", "https://example.org/灵隐寺 (temple)", "灵隐寺 ``` </details> <b>"))));

    private SampleConversations() {}

    /** Saves the sample into {@code repository} and returns it as stored. */
    static Transcript save(ConversationRepository repository) {
        Conversation conversation = repository.create("杭州三日游 & <Plans> #1", Optional.of(SETTINGS));
        long id = conversation.id();
        repository.append(Message.user(
                id,
                "# 我想去杭州玩三天\n有什么推荐？ <script>alert('x')</script>\n\n```python\nprint('a fence never closed')",
                Instant.parse("2026-11-28T08:00:10Z")));
        Message search = repository.append(Message.mossReply(id, Instant.parse("2026-11-28T08:00:20Z")));
        repository.finishReply(search.withPluginSteps(
                        "用户想了解杭州的景点，我需要搜索。",
                        "Search(\"杭州 三日游 攻略\")",
                        "Search(\"杭州 三日游 攻略\") =>\n<|1|>: '西湖是杭州的名片……'\n<|2|>: '灵隐寺 ``` </details> <b>'")
                .withText("推荐行程如下<sup><|1|></sup>：\n\n| 天 | 地点 |\n|---|---|\n| 1 | 西湖 |\n| 2 | 灵隐寺 |\n\n"
                        + "</details>\n\n[1]: https://example.com/elsewhere\n\n1. 第一天：**西湖**\n2. 第二天：`灵隐寺`")
                .withReply(new ReplyInfo("moss-moon-003-sft-plugin", SETTINGS, FinishReason.EOM, 812, 96, 120, 2400))
                .withCitations(SOURCES));
        repository.append(Message.user(
                id, "Draw me the West Lake at sunset, please.\nA second line.", Instant.parse("2026-11-29T01:00:00Z")));
        Message drawing = repository.append(Message.mossReply(id, Instant.parse("2026-11-29T01:00:05Z")));
        repository.attach(drawing.id(), "image-1.png", "image/png", PNG);
        repository.finishReply(drawing.withPluginSteps(
                        "The user wants a picture; I should call Text2Image.",
                        "Text2Image(\"West Lake at sunset\")",
                        "Image generated successfully.")
                .withText("Here is the West Lake at sunset.")
                .withReply(new ReplyInfo(
                        "moss-moon-003-sft-plugin", SETTINGS.withGreedy(true), FinishReason.EOM, 900, 12, 110, 300)));
        return repository.transcript(id);
    }

    /** Everything but ids (which a store assigns), with bytes as base64 so records compare by value. */
    record Comparable(
            String title,
            Instant createdAt,
            Instant updatedAt,
            boolean pinned,
            Optional<GenerationSettings> settings,
            List<ComparableMessage> messages) {}

    record ComparableMessage(
            Role role,
            String text,
            String innerThoughts,
            String commands,
            String results,
            Optional<ReplyInfo> reply,
            Instant createdAt,
            List<String> attachments,
            Citations citations) {}

    static Comparable comparable(Transcript transcript) {
        Conversation c = transcript.conversation();
        return new Comparable(
                c.title(),
                c.createdAt(),
                c.updatedAt(),
                c.pinned(),
                c.settings(),
                transcript.messages().stream()
                        .map(m -> new ComparableMessage(
                                m.role(),
                                m.text(),
                                m.innerThoughts(),
                                m.commands(),
                                m.results(),
                                m.reply(),
                                m.createdAt(),
                                m.attachments().stream()
                                        .map(a -> describe(a, transcript.content(a)))
                                        .toList(),
                                m.citations()))
                        .toList());
    }

    private static String describe(Attachment attachment, byte[] content) {
        return attachment.name() + " " + attachment.mediaType() + " " + attachment.size() + " "
                + Base64.getEncoder().encodeToString(content);
    }
}
