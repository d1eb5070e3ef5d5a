package dev.leafspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evidence.crossCheck: report rows against cucumber.json, whatever form of path Cucumber recorded. */
class EvidenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static void cucumberJson(Path dir, String uri) throws Exception {
        Files.writeString(dir.resolve("cucumber.json"), """
                [ { "uri": "%s", "elements": [
                    { "type": "scenario", "line": 18, "steps": [ { "result": { "status": "passed" } } ] },
                    { "type": "scenario", "line": 22, "steps": [ { "result": { "status": "failed" } } ] } ] } ]
                """.formatted(uri));
    }

    private static List<JsonNode> rows(String feature, String first, String second) throws Exception {
        return List.of(
                JSON.readTree("{\"name\":\"a\",\"feature\":\"" + feature + "\",\"line\":18,\"result\":\"" + first + "\"}"),
                JSON.readTree("{\"name\":\"b\",\"feature\":\"" + feature + "\",\"line\":22,\"result\":\"" + second + "\"}"));
    }

    /** Regression: `bin/leafspec certify` from the repository root records relative file: URIs (a fresh certificate failed verify). */
    @Test
    void aRelativeFileUriMatchesTheAbsolutePathOfTheRow(@TempDir Path dir) throws Exception {
        cucumberJson(dir, "file:features/caller/status.feature");
        List<String> problems = new ArrayList<>();
        Evidence.crossCheck(dir, rows("/home/u/leafspec/features/caller/status.feature", "PASS", "FAIL"), "caller scenario", problems);
        assertThat(problems).isEmpty();
    }

    @Test
    void anAbsoluteFileUriMatchesAndADifferentOutcomeIsReported(@TempDir Path dir) throws Exception {
        cucumberJson(dir, "file:///home/u/leafspec/features/caller/status.feature");
        List<String> problems = new ArrayList<>();
        Evidence.crossCheck(dir, rows("/home/u/leafspec/features/caller/status.feature", "PASS", "PASS"), "caller scenario", problems);
        assertThat(problems).singleElement().asString().contains("is PASS in the report but FAIL in cucumber.json");
    }

    @Test
    void aRowOfAnotherFileDoesNotMatchByAccident(@TempDir Path dir) throws Exception {
        cucumberJson(dir, "file:features/caller/status.feature");
        List<String> problems = new ArrayList<>();
        Evidence.crossCheck(dir, rows("/home/u/leafspec/features/caller/other-status.feature", "PASS", "FAIL"), "caller scenario", problems);
        assertThat(problems).hasSize(4);
    }
}
