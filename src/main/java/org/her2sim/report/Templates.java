package org.her2sim.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The generated pages (report.html of a run and of a sweep, docs/textbook.md) are Mustache
 * templates in {@code org/her2sim/templates/}: the page's words and layout live there, the Java
 * gives them values. HTML templates escape every value (as {@link HtmlPage#esc}); Markdown ones
 * write values as they are.
 */
public final class Templates {
    private static final String ROOT = "org/her2sim/templates";
    private static final DefaultMustacheFactory HTML = new DefaultMustacheFactory(ROOT) {
        @Override
        public void encode(String value, Writer writer) {
            write(writer, HtmlPage.esc(value));
        }
    };
    private static final DefaultMustacheFactory MARKDOWN = new DefaultMustacheFactory(ROOT) {
        @Override
        public void encode(String value, Writer writer) {
            write(writer, value);
        }
    };

    private Templates() {
    }

    /** An HTML page from {@code name} (e.g. "run-report.html.mustache"), every value escaped. */
    public static String html(String name, Object scope) {
        return render(HTML.compile(name), scope);
    }

    /** A Markdown page from {@code name}, values as they are. */
    public static String markdown(String name, Object scope) {
        return render(MARKDOWN.compile(name), scope);
    }

    private static String render(Mustache m, Object scope) {
        StringWriter out = new StringWriter(16_384);
        m.execute(out, scope);
        return out.toString();
    }

    private static void write(Writer w, String s) {
        try {
            w.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
