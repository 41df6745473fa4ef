// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Document;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Link;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.markdown.MarkdownNodeRendererContext;
import org.commonmark.renderer.markdown.MarkdownNodeRendererFactory;
import org.commonmark.renderer.markdown.MarkdownRenderer;
import org.mossdesktop.moss.Citations;
import org.mossdesktop.moss.ToolResult;

/**
 * Message text made safe to place inside our Markdown document. A message is Markdown (MOSS writes code
 * blocks, lists and tables), so it is parsed on its own and written back by commonmark's renderer, which
 * closes what the message left open (an unfinished code fence cannot swallow the rest of the document) and
 * escapes text. On the way, what could reach outside the message becomes text:
 *
 * <ul>
 *   <li>raw HTML blocks ({@code <script>}, {@code </details>}) become {@code html} code blocks, shown not run;
 *   <li>inline HTML becomes literal text, except {@code <sup>}, {@code <sub>} and {@code <br>};
 *   <li>headings become bold paragraphs, so a {@code # line} cannot enter the document's outline;
 *   <li>link reference definitions are dropped (their links are already resolved), so a message cannot
 *       redefine another message's links;
 *   <li>single line breaks become hard breaks: a chat message's lines are lines.
 * </ul>
 */
final class SafeMarkdown {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final MarkdownRenderer RENDERER = MarkdownRenderer.builder()
            .extensions(EXTENSIONS)
            .nodeRendererFactory(new MarkdownNodeRendererFactory() {
                @Override
                public NodeRenderer create(MarkdownNodeRendererContext context) {
                    return new BackslashBreaks(context);
                }

                @Override
                public Set<Character> getSpecialCharacters() {
                    return Set.of();
                }
            })
            .build();
    private static final Pattern HARMLESS_TAG = Pattern.compile("</?(sup|sub)>|<br\\s*/?>", Pattern.CASE_INSENSITIVE);
    private static final Pattern BACKTICKS = Pattern.compile("`+");
    private static final Pattern WEB_ADDRESS = Pattern.compile("https?://.+", Pattern.CASE_INSENSITIVE);

    private SafeMarkdown() {}

    /** Hard breaks as a backslash: unlike two trailing spaces, it survives editors that strip them. */
    private record BackslashBreaks(MarkdownNodeRendererContext context) implements NodeRenderer {
        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(HardLineBreak.class);
        }

        @Override
        public void render(Node node) {
            context.getWriter().raw("\\");
            context.getWriter().line();
        }
    }

    /** A message's Markdown as blocks that stay inside the message; "" for blank text. */
    static String blocks(String markdown) {
        Node document = PARSER.parse(markdown);
        List<Node> nodes = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            protected void visitChildren(Node parent) {
                nodes.add(parent);
                super.visitChildren(parent);
            }

            @Override
            public void visit(Text text) {
                nodes.add(text);
            }
        });
        for (Node node : nodes) {
            switch (node) {
                case HtmlBlock html -> replace(html, codeBlockNode(html.getLiteral(), "html"));
                case HtmlInline html
                when !HARMLESS_TAG.matcher(html.getLiteral()).matches() -> replace(html, new Text(html.getLiteral()));
                case Heading heading -> {
                    Paragraph paragraph = new Paragraph();
                    StrongEmphasis strong = new StrongEmphasis("**");
                    moveChildren(heading, strong);
                    paragraph.appendChild(strong);
                    replace(heading, paragraph);
                }
                case LinkReferenceDefinition definition -> definition.unlink();
                case SoftLineBreak soft -> replace(soft, new HardLineBreak());
                default -> {}
            }
        }
        return RENDERER.render(document).strip();
    }

    /** Plain text (a model name, a file name) escaped to read literally on one line. */
    static String inline(String text) {
        Paragraph paragraph = new Paragraph();
        paragraph.appendChild(new Text(oneLine(text)));
        return render(paragraph);
    }

    /** A heading whose text reads literally, a trailing {@code #} included. */
    static String heading(int level, String text) {
        Heading heading = new Heading();
        heading.setLevel(level);
        heading.appendChild(new Text(oneLine(text)));
        return render(heading);
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("[\\r\\n]+", " ");
    }

    private static String render(Node block) {
        Document document = new Document();
        document.appendChild(block);
        return RENDERER.render(document).strip();
    }

    /**
     * A reply's sources as a numbered list of links, numbered as MOSS cites them ({@code <|1|>} is item 1):
     * the page title (else its address) linking to the page. Only http and https addresses become links; any
     * other is shown as text, so a search result cannot smuggle a {@code javascript:} link into the document.
     */
    static String sources(Citations citations) {
        Document document = new Document();
        OrderedList list = null;
        int next = 0;
        boolean parenthesis = false;
        for (Map.Entry<Integer, ToolResult.Snippet> source : citations.sources().entrySet()) {
            if (list == null || source.getKey() != next) {
                // A gap in the numbers starts a new list; a new delimiter keeps it from joining the one before.
                parenthesis = list != null && !parenthesis;
                list = new OrderedList();
                list.setMarkerStartNumber(source.getKey());
                list.setMarkerDelimiter(parenthesis ? ")" : ".");
                list.setTight(true);
                document.appendChild(list);
            }
            next = source.getKey() + 1;
            ListItem item = new ListItem();
            Paragraph paragraph = new Paragraph();
            String url = oneLine(source.getValue().url()).strip();
            String title = oneLine(source.getValue().title()).strip();
            Text label = new Text(title.isEmpty() ? url : title);
            if (WEB_ADDRESS.matcher(url).matches()) {
                Link link = new Link(url, null);
                link.appendChild(label);
                paragraph.appendChild(link);
            } else {
                paragraph.appendChild(label);
                if (!title.isEmpty() && !url.isEmpty()) {
                    paragraph.appendChild(new Text(" (" + url + ")"));
                }
            }
            item.appendChild(paragraph);
            list.appendChild(item);
        }
        return RENDERER.render(document).strip();
    }

    /** Text shown verbatim in a fenced block whose fence is longer than any backtick run inside it. */
    static String codeBlock(String text, String info) {
        int longest = 0;
        Matcher run = BACKTICKS.matcher(text);
        while (run.find()) {
            longest = Math.max(longest, run.group().length());
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return fence + info + "\n" + text + (text.endsWith("\n") ? "" : "\n") + fence;
    }

    private static FencedCodeBlock codeBlockNode(String literal, String info) {
        FencedCodeBlock block = new FencedCodeBlock();
        block.setFenceCharacter("`");
        block.setOpeningFenceLength(3);
        block.setClosingFenceLength(3);
        block.setInfo(info);
        block.setLiteral(literal.endsWith("\n") ? literal : literal + "\n");
        return block;
    }

    private static void replace(Node old, Node replacement) {
        old.insertBefore(replacement);
        old.unlink();
    }

    private static void moveChildren(Node from, Node to) {
        Node child = from.getFirstChild();
        while (child != null) {
            Node next = child.getNext();
            to.appendChild(child);
            child = next;
        }
    }
}
