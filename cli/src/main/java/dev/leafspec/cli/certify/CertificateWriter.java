package dev.leafspec.cli.certify;

import com.fasterxml.jackson.databind.JsonNode;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the human-readable certificate (HTML) and the CI view (JUnit XML) of a conformance report. */
public final class CertificateWriter {
    private CertificateWriter() {
    }

    /** Writes {@code certificate.html}: verdict, identity, hashes, the per-leaf matrix, failures and waivers. */
    public static void html(JsonNode report, Path file) throws IOException {
        StringBuilder h = new StringBuilder();
        String overall = report.path("verdict").asText();
        String colour = switch (overall) {
            case "CONFORMANT" -> "#1b7f3b";
            case "NON_CONFORMANT" -> "#b3261e";
            default -> "#8a6d00";
        };
        JsonNode impl = report.path("implementation");
        JsonNode profile = report.path("profile");
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>LeafSpec certificate: ")
                .append(esc(impl.path("name").asText())).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left}th{background:#f3f3f3}")
                .append(".PASS{color:#1b7f3b}.FAIL,.HARNESS_ERROR{color:#b3261e;font-weight:bold}.NOT_SUPPORTED,.NOT_RUN{color:#8a6d00}")
                .append("pre{white-space:pre-wrap;background:#f8f8f8;padding:.5em}</style></head><body>");
        h.append("<h1>LeafSpec certificate</h1>");
        h.append("<p style=\"font-size:1.6em;color:").append(colour).append("\"><b>").append(esc(overall)).append("</b></p>");
        h.append("<table>");
        row(h, "Implementation", impl.path("name").asText() + " " + impl.path("version").asText() + " (" + impl.path("vendor").asText() + ")");
        row(h, "Profile", profile.path("name").asText() + ": " + profile.path("title").asText());
        row(h, "Suite", report.path("suite").path("name").asText() + " " + report.path("suite").path("version").asText());
        row(h, "Generated", report.path("generatedAt").asText());
        row(h, "Seed", report.path("seed").asText());
        row(h, "Spec bundle SHA-256", report.path("hashes").path("specBundleSha256").asText());
        row(h, "Features SHA-256", report.path("hashes").path("featuresSha256").asText());
        row(h, "Waivers SHA-256", report.path("hashes").path("waiversSha256").asText("(none)"));
        StringBuilder counts = new StringBuilder();
        report.path("counts").fields().forEachRemaining(e -> counts.append(e.getKey()).append(' ').append(e.getValue().asInt()).append("  "));
        row(h, "Scenarios", counts.toString().trim());
        h.append("</table>");

        h.append("<h2>Leaves</h2><table><tr><th>leaf</th><th>required</th><th>status</th>");
        for (Verdict v : Verdict.values()) h.append("<th>").append(v).append("</th>");
        h.append("</tr>");
        for (JsonNode l : report.path("leaves")) {
            String st = l.path("status").asText();
            h.append("<tr><td>").append(esc(l.path("leaf").asText())).append("</td><td>").append(l.path("required").asBoolean() ? "yes" : "")
                    .append("</td><td class=\"").append(esc(st)).append("\">").append(esc(st)).append("</td>");
            for (Verdict v : Verdict.values()) {
                int n = l.path("counts").path(v.name()).asInt(0);
                h.append("<td>").append(n == 0 ? "" : Integer.toString(n)).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table>");

        h.append("<h2>What failed and why</h2>");
        boolean any = false;
        for (JsonNode l : report.path("leaves")) {
            if (l.path("required").asBoolean() && !l.path("status").asText().equals("PASS")) {
                any = true;
                h.append("<p class=\"FAIL\">Required leaf ").append(esc(l.path("leaf").asText())).append(": ")
                        .append(esc(l.path("status").asText())).append("</p>");
            }
        }
        for (JsonNode e : report.path("harnessErrors")) {
            any = true;
            h.append("<p class=\"FAIL\">Harness error: ").append(esc(e.isTextual() ? e.asText() : e.path("where").asText() + ": "
                    + e.path("message").asText())).append("</p>");
        }
        for (JsonNode s : report.path("scenarios")) {
            Verdict v = Verdict.valueOf(s.path("result").asText());
            if (!v.bad()) continue;
            any = true;
            h.append("<h3 class=\"FAIL\">").append(v).append(": ").append(esc(s.path("name").asText())).append("</h3>")
                    .append("<p>").append(esc(s.path("feature").asText())).append(':').append(s.path("line").asInt())
                    .append("</p><pre>").append(esc(s.path("message").asText())).append("</pre>");
            if (s.hasNonNull("repro")) h.append("<p>Replay: <code>").append(esc(s.path("repro").asText())).append("</code></p>");
        }
        if (!any) h.append("<p>Nothing failed.</p>");

        h.append("<h2>Waivers</h2>");
        if (report.path("waivers").isEmpty()) {
            h.append("<p>None.</p>");
        } else {
            h.append("<table><tr><th>scope</th><th>reason</th><th>link</th><th>expires</th><th>state</th></tr>");
            for (JsonNode w : report.path("waivers")) {
                h.append("<tr><td>").append(esc(w.path("scope").asText())).append("</td><td>").append(esc(w.path("reason").asText()))
                        .append("</td><td>").append(esc(w.path("link").asText())).append("</td><td>").append(esc(w.path("expires").asText()))
                        .append("</td><td>").append(w.path("expired").asBoolean() ? "EXPIRED (not applied)" : "applied to " + w.path("applied").asInt() + " scenario(s)")
                        .append("</td></tr>");
            }
            h.append("</table>");
        }
        h.append("<p>Check this certificate offline with <code>leafspec verify &lt;this folder&gt;</code>.</p></body></html>\n");
        Files.writeString(file, h, StandardCharsets.UTF_8);
    }

    private static void row(StringBuilder h, String k, String v) {
        h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Writes {@code certification-junit.xml}: FAIL and UNEXPECTED_PASS as failures, adapter faults as errors, the rest skipped or passed. */
    public static void junit(JsonNode report, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(w);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", "leafspec certify " + report.path("profile").path("name").asText());
            int requiredFailing = 0;
            for (JsonNode l : report.path("leaves")) {
                if (l.path("required").asBoolean() && !l.path("status").asText().equals("PASS")) requiredFailing++;
            }
            int harness = report.path("harnessErrors").size();
            int tests = report.path("scenarios").size() + requiredFailing + harness;
            int failures = requiredFailing;
            int errors = harness;
            int skipped = 0;
            for (JsonNode s : report.path("scenarios")) {
                switch (Verdict.valueOf(s.path("result").asText())) {
                    case FAIL, UNEXPECTED_PASS -> failures++;
                    case ADAPTER_ERROR, TIMEOUT -> errors++;
                    case NOT_SUPPORTED, EXPECTED_FAIL -> skipped++;
                    default -> { }
                }
            }
            x.writeAttribute("tests", Integer.toString(tests));
            x.writeAttribute("failures", Integer.toString(failures));
            x.writeAttribute("errors", Integer.toString(errors));
            x.writeAttribute("skipped", Integer.toString(skipped));
            for (JsonNode l : report.path("leaves")) {
                if (!l.path("required").asBoolean() || l.path("status").asText().equals("PASS")) continue;
                x.writeStartElement("testcase");
                x.writeAttribute("classname", l.path("leaf").asText());
                x.writeAttribute("name", "required leaf " + l.path("leaf").asText());
                element(x, "failure", "required leaf " + l.path("leaf").asText() + " is " + l.path("status").asText()
                        + ": a required leaf must have scenarios that ran and passed");
                x.writeEndElement();
            }
            for (JsonNode e : report.path("harnessErrors")) {
                x.writeStartElement("testcase");
                x.writeAttribute("classname", "harness");
                x.writeAttribute("name", "harness error");
                element(x, "error", e.isTextual() ? e.asText() : e.path("where").asText() + ": " + e.path("message").asText());
                x.writeEndElement();
            }
            for (JsonNode s : report.path("scenarios")) {
                Verdict v = Verdict.valueOf(s.path("result").asText());
                x.writeStartElement("testcase");
                x.writeAttribute("classname", s.path("leaves").isEmpty() ? s.path("area").asText() : s.path("leaves").get(0).asText());
                x.writeAttribute("name", s.path("name").asText());
                String msg = v + ": " + s.path("message").asText();
                switch (v) {
                    case FAIL, UNEXPECTED_PASS -> element(x, "failure", msg);
                    case ADAPTER_ERROR, TIMEOUT -> element(x, "error", msg);
                    case NOT_SUPPORTED, EXPECTED_FAIL -> element(x, "skipped", msg);
                    default -> { }
                }
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void element(XMLStreamWriter x, String name, String message) throws XMLStreamException {
        x.writeStartElement(name);
        x.writeAttribute("message", message.length() > 500 ? message.substring(0, 500) + "..." : message);
        x.writeCharacters(message);
        x.writeEndElement();
    }
}
