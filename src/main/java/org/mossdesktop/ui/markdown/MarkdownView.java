// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.markdown;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.layout.VBox;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;

/**
 * MOSS's Markdown as JavaFX nodes: headings, lists, tables, links, code blocks (monospace, with a copy
 * button), and MOSS's citations {@code <sup><|1|></sup>} as links to their sources.
 *
 * <p>Text that grows by appending (a streaming reply) is rendered incrementally: blocks that can no longer
 * change ({@link MarkdownBlocks}) keep their nodes, only the last block is parsed and built again. A text
 * rendered at once is cut at the same places, so a reply looks the same streamed and reloaded.
 */
public final class MarkdownView extends VBox {

    private static final Parser PARSER =
            Parser.builder().extensions(List.of(TablesExtension.create())).build();
    // MOSS cites search results as <sup><|1|></sup>; a link with a private scheme survives parsing.
    private static final Pattern CITATION = Pattern.compile("<sup>\\s*<\\|(\\d+)\\|>\\s*</sup>|<\\|(\\d+)\\|>");

    private final MarkdownNodes nodes;
    private String shown = "";
    private int fixedLength;
    private int fixedNodes;

    /**
     * @param openLink opens a web link the user clicked
     * @param citation the source URL of citation n (from 1), if known
     */
    public MarkdownView(Consumer<String> openLink, IntFunction<Optional<String>> citation) {
        this.nodes = new MarkdownNodes(openLink, citation);
        getStyleClass().add("markdown");
        setFillWidth(true);
    }

    /** Shows {@code text}; when it extends what is shown, only its last block is built again. */
    public void setMarkdown(String text) {
        if (text.equals(shown)) {
            return;
        }
        if (!text.regionMatches(0, shown, 0, fixedLength)) {
            getChildren().clear();
            fixedLength = 0;
            fixedNodes = 0;
        }
        List<Node> children = getChildren();
        children.subList(fixedNodes, children.size()).clear();
        int cut = fixedLength;
        List<Node> fixed = new ArrayList<>();
        for (int next; (next = MarkdownBlocks.nextCut(text, cut)) > cut; cut = next) {
            fixed.addAll(render(text.substring(cut, next)));
        }
        children.addAll(fixed);
        fixedLength = cut;
        fixedNodes = children.size();
        children.addAll(render(text.substring(cut)));
        shown = text;
    }

    /** Builds what is shown again, e.g. once the sources its citations link to are known. */
    public void redraw() {
        String text = shown;
        getChildren().clear();
        shown = "";
        fixedLength = 0;
        fixedNodes = 0;
        setMarkdown(text);
    }

    /** The Markdown source shown. */
    public String getMarkdown() {
        return shown;
    }

    private List<Node> render(String block) {
        if (block.isBlank()) {
            return List.of();
        }
        String linked = CITATION.matcher(block).replaceAll(m -> {
            String n = m.group(1) != null ? m.group(1) : m.group(2);
            return "[" + n + "](" + MarkdownNodes.CITATION_SCHEME + n + ")";
        });
        return nodes.blocks(PARSER.parse(linked));
    }
}
