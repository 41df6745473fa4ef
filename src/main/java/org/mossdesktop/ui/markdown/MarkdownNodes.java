// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.markdown;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.ThematicBreak;
import org.commonmark.node.Visitor;
import org.mossdesktop.i18n.Messages;

/** Builds JavaFX nodes from a commonmark tree. Style classes {@code md-*} are in chat.css. */
final class MarkdownNodes {

    static final String CITATION_SCHEME = "moss-citation:";

    private final Consumer<String> openLink;
    private final IntFunction<Optional<String>> citation;

    MarkdownNodes(Consumer<String> openLink, IntFunction<Optional<String>> citation) {
        this.openLink = openLink;
        this.citation = citation;
    }

    List<Node> blocks(org.commonmark.node.Node parent) {
        List<Node> out = new ArrayList<>();
        for (var child = parent.getFirstChild(); child != null; child = child.getNext()) {
            Node node = block(child);
            if (node != null) {
                out.add(node);
            }
        }
        return out;
    }

    private Node block(org.commonmark.node.Node node) {
        return switch (node) {
            case Paragraph p -> flow(p, "md-paragraph");
            case Heading h -> flow(h, "md-h" + h.getLevel());
            case BulletList list -> list(list, null);
            case OrderedList list -> list(list, list.getMarkerStartNumber());
            case FencedCodeBlock code -> codeBlock(code.getLiteral(), code.getInfo());
            case IndentedCodeBlock code -> codeBlock(code.getLiteral(), "");
            case BlockQuote quote -> box(blocks(quote), "md-quote");
            case ThematicBreak ignored -> styled(new Separator(), "md-rule");
            case TableBlock table -> table(table);
            case HtmlBlock html -> textFlow(List.of(plain(html.getLiteral().strip())), "md-paragraph");
            default -> {
                List<Node> inner = blocks(node);
                yield inner.isEmpty() ? null : box(inner, "md-block");
            }
        };
    }

    private VBox list(org.commonmark.node.Node list, Integer start) {
        VBox box = new VBox();
        box.getStyleClass().add("md-list");
        int number = start == null ? 0 : start;
        for (var item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (!(item instanceof ListItem)) {
                continue;
            }
            // Text in a TextFlow, not a Label: a streaming block is built again every pulse, and a control's
            // skin and CSS cost several times a Text's (docs/PERFORMANCE.md, "UI").
            TextFlow marker = new TextFlow(new Text(start == null ? "•" : (number++) + "."));
            marker.getStyleClass().add("md-list-marker");
            marker.setMinWidth(Region.USE_PREF_SIZE);
            VBox content = box(blocks(item), "md-list-content");
            HBox.setHgrow(content, Priority.ALWAYS);
            HBox row = new HBox(marker, content);
            row.getStyleClass().add("md-list-item");
            box.getChildren().add(row);
        }
        return box;
    }

    private VBox codeBlock(String literal, String info) {
        String code = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
        String language = info == null ? "" : info.strip().split("\\s+", 2)[0];
        Text lang = new Text(language);
        lang.getStyleClass().add("md-code-lang");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button copy = new Button(Messages.get("ui.chat.copyCode"));
        copy.getStyleClass().addAll("md-code-copy", "flat", "small");
        // No Tooltip: each one builds a popup window's control, per code block per pulse while it streams.
        copy.setAccessibleText(Messages.get("ui.chat.copyCode.tooltip"));
        copy.setOnAction(e -> copy(code));
        HBox header = new HBox(lang, spacer, copy);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("md-code-header");
        TextFlow body = textFlow(Scripts.runs(code, "md-code-text"), "md-code-body");
        VBox box = new VBox(header, body);
        box.getStyleClass().add("md-code-block");
        box.setUserData(code);
        return box;
    }

    private GridPane table(TableBlock table) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("md-table");
        grid.setMaxWidth(Region.USE_PREF_SIZE);
        int row = 0;
        for (var section = table.getFirstChild(); section != null; section = section.getNext()) {
            boolean head = section instanceof TableHead;
            for (var r = section.getFirstChild(); r != null; r = r.getNext()) {
                if (!(r instanceof TableRow)) {
                    continue;
                }
                int column = 0;
                for (var c = r.getFirstChild(); c != null; c = c.getNext()) {
                    if (c instanceof TableCell cell) {
                        TextFlow flow = flow(cell, head ? "md-table-head" : "md-table-cell");
                        if (!head && row % 2 == 0) {
                            flow.getStyleClass().add("md-table-even");
                        }
                        flow.setMaxWidth(Double.MAX_VALUE);
                        GridPane.setFillWidth(flow, true);
                        grid.add(flow, column++, row);
                    }
                }
                row++;
            }
        }
        return grid;
    }

    private TextFlow flow(org.commonmark.node.Node parent, String styleClass) {
        Inlines inlines = new Inlines();
        for (var child = parent.getFirstChild(); child != null; child = child.getNext()) {
            child.accept(inlines);
        }
        return textFlow(inlines.out, styleClass);
    }

    private static TextFlow textFlow(List<Node> children, String styleClass) {
        TextFlow flow = new TextFlow();
        flow.getChildren().setAll(children);
        flow.getStyleClass().add(styleClass);
        return flow;
    }

    private static VBox box(List<Node> children, String styleClass) {
        VBox box = new VBox();
        box.getChildren().setAll(children);
        box.getStyleClass().add(styleClass);
        return box;
    }

    private static <N extends Node> N styled(N node, String styleClass) {
        node.getStyleClass().add(styleClass);
        return node;
    }

    private static Text plain(String text) {
        return new Text(text);
    }

    private static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    /** Inline content: text with the emphasis it sits in, code spans, links and citations. */
    private final class Inlines implements Visitor {
        final List<Node> out = new ArrayList<>();
        private final List<String> styles = new ArrayList<>();

        private void text(String literal) {
            Text text = new Text(literal);
            text.getStyleClass().addAll(styles);
            out.add(text);
        }

        private void children(org.commonmark.node.Node node, String style) {
            styles.add(style);
            for (var child = node.getFirstChild(); child != null; child = child.getNext()) {
                child.accept(this);
            }
            styles.removeLast();
        }

        @Override
        public void visit(org.commonmark.node.Text text) {
            text(text.getLiteral());
        }

        @Override
        public void visit(Emphasis emphasis) {
            children(emphasis, "md-em");
        }

        @Override
        public void visit(StrongEmphasis strong) {
            children(strong, "md-strong");
        }

        @Override
        public void visit(Code code) {
            Text text = new Text(code.getLiteral());
            text.getStyleClass().add("md-inline-code");
            out.add(text);
        }

        @Override
        public void visit(SoftLineBreak softLineBreak) {
            text(" ");
        }

        @Override
        public void visit(HardLineBreak hardLineBreak) {
            text("\n");
        }

        @Override
        public void visit(HtmlInline html) {
            // <br> breaks the line; other tags (<sup>, <b>…) are dropped, their text stays.
            if (html.getLiteral().matches("(?i)<br\\s*/?>")) {
                text("\n");
            }
        }

        @Override
        public void visit(Link link) {
            String destination = link.getDestination();
            String label = plainText(link);
            Hyperlink hyperlink;
            if (destination.startsWith(CITATION_SCHEME)) {
                int n = Integer.parseInt(destination.substring(CITATION_SCHEME.length()));
                Optional<String> url = citation.apply(n);
                hyperlink = new Hyperlink("[" + n + "]");
                hyperlink.getStyleClass().add("md-citation");
                url.ifPresentOrElse(
                        u -> {
                            hyperlink.setOnAction(e -> openLink.accept(u));
                            hyperlink.setTooltip(new Tooltip(u));
                        },
                        () -> hyperlink.setDisable(true));
            } else {
                hyperlink = new Hyperlink(label.isEmpty() ? destination : label);
                hyperlink.getStyleClass().add("md-link");
                hyperlink.setTooltip(new Tooltip(destination));
                hyperlink.setOnAction(e -> openLink.accept(destination));
            }
            out.add(hyperlink);
        }

        @Override
        public void visit(Image image) {
            text("[" + plainText(image) + "]");
        }

        @Override
        public void visit(org.commonmark.node.Document document) {}

        @Override
        public void visit(BlockQuote blockQuote) {}

        @Override
        public void visit(BulletList bulletList) {}

        @Override
        public void visit(FencedCodeBlock fencedCodeBlock) {}

        @Override
        public void visit(Heading heading) {}

        @Override
        public void visit(ThematicBreak thematicBreak) {}

        @Override
        public void visit(HtmlBlock htmlBlock) {}

        @Override
        public void visit(IndentedCodeBlock indentedCodeBlock) {}

        @Override
        public void visit(ListItem listItem) {}

        @Override
        public void visit(OrderedList orderedList) {}

        @Override
        public void visit(Paragraph paragraph) {}

        @Override
        public void visit(org.commonmark.node.LinkReferenceDefinition definition) {}

        @Override
        public void visit(org.commonmark.node.CustomBlock customBlock) {}

        @Override
        public void visit(org.commonmark.node.CustomNode customNode) {
            for (var child = customNode.getFirstChild(); child != null; child = child.getNext()) {
                child.accept(this);
            }
        }
    }

    private static String plainText(org.commonmark.node.Node node) {
        StringBuilder text = new StringBuilder();
        for (var child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof org.commonmark.node.Text t) {
                text.append(t.getLiteral());
            } else if (child instanceof Code c) {
                text.append(c.getLiteral());
            } else {
                text.append(plainText(child));
            }
        }
        return text.toString();
    }
}
