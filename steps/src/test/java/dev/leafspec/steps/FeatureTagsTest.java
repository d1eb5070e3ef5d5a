package dev.leafspec.steps;

import dev.leafspec.spec.SpecLoader;
import dev.leafspec.spec.model.Catalogue;
import dev.leafspec.spec.model.LeafSpec;
import dev.leafspec.spec.model.Rule;
import dev.leafspec.steps.contract.ContractFeatureGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code @rule:<ID>} tag under features/ names a rule of the catalogue, and every {@code @leaf:<NAME>} tag a
 * leaf of the catalogue (in its tag form: no '#', no spaces). A rule is a rule of a leaf spec (leaf-specs/), or one of
 * the generic rules the checkers apply to every leaf, as documented in docs/leaf-spec-format.md ("Generic rules":
 * CONTRACT-*, DISPATCH-*, SEAMCALL-*) and docs/caller-spec-format.md (the CALLER-* table). Without this, a mistyped or invented
 * rule id silently leaves the leaf's real rule in a certificate's rulesWithoutScenario.
 */
class FeatureTagsTest {
    static final Path HOME = Path.of(System.getProperty("leafspec.home", "..")).toAbsolutePath().normalize();

    @Test
    void everyRuleAndLeafTagInFeaturesNamesTheCatalogue() throws Exception {
        Catalogue catalogue = SpecLoader.loadCatalogue(HOME.resolve("leaf-specs"));
        Set<String> rules = specRuleIds(catalogue);
        rules.addAll(genericRuleIds(HOME.resolve("docs")));
        Set<String> leaves = leafTags(catalogue);

        Check check = check(HOME.resolve("features"), rules, leaves);

        assertThat(check.ruleTags).as("@rule tags found under features/").isGreaterThan(100);
        assertThat(check.leafTags).as("@leaf tags found under features/").isGreaterThan(20);
        assertThat(check.problems)
                .as("@rule tags must name a rule of leaf-specs/ (or a generic rule of docs/leaf-spec-format.md or "
                        + "docs/caller-spec-format.md), @leaf tags a leaf of leaf-specs/; add the rule to the leaf's spec "
                        + "or retag the scenario")
                .isEmpty();
    }

    @Test
    void theGenericRulesAreReadFromTheDocs() throws IOException {
        Set<String> generic = genericRuleIds(HOME.resolve("docs"));
        assertThat(generic).contains("CONTRACT-RAX-RESERVED", "CONTRACT-VECTOR", "DISPATCH-UNKNOWN-LEAF", "DISPATCH-VERSION", "SEAMCALL-VMFAILINVALID", "SEAMCALL-LEAF-NUMBER",
                "CALLER-PRESERVE", "CALLER-RAX-BEFORE-R10", "CALLER-HARNESS");
        assertThat(generic).noneMatch(id -> id.startsWith("VP.") || id.startsWith("TDH."));
    }

    @Test
    void anUnknownRuleOrLeafIsReportedWithFileLineAndTag(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("area/x.feature");
        Files.createDirectories(f.getParent());
        Files.writeString(f, """
                @leaf:TDG.VP.INFO @area:tdcall
                Feature: x
                  # @rule:IN-A-COMMENT is not a tag
                  @rule:VP.INFO-1 @rule:NO-SUCH-RULE
                  Scenario: y
                    Given a TD guest

                  @leaf:TDG.NO.SUCH @rule:VP.INFO-1 # @rule:AFTER-A-COMMENT
                  Scenario: z
                    Given a TD guest
                """);
        Check check = check(dir, Set.of("VP.INFO-1"), Set.of("@leaf:TDG.VP.INFO"));
        assertThat(check.problems).containsExactly(
                "area/x.feature:4: @rule:NO-SUCH-RULE names no rule of the catalogue",
                "area/x.feature:8: @leaf:TDG.NO.SUCH names no leaf of the catalogue");
        assertThat(check.ruleTags).isEqualTo(3);
        assertThat(check.leafTags).isEqualTo(2);
    }

    record Check(List<String> problems, int ruleTags, int leafTags) {
    }

    /** Scans every .feature under {@code root}; a tag line is a line starting with '@', up to a '#' comment. */
    static Check check(Path root, Set<String> ruleIds, Set<String> leafTags) throws IOException {
        List<String> problems = new ArrayList<>();
        int ruleTags = 0;
        int leafTagCount = 0;
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".feature")).sorted().toList();
        }
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            String name = root.relativize(file).toString().replace('\\', '/');
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (!line.startsWith("@")) continue;
                for (String tag : line.split("\\s+")) {
                    if (tag.startsWith("#")) break;
                    if (tag.startsWith("@rule:")) {
                        ruleTags++;
                        if (!ruleIds.contains(tag.substring(6))) {
                            problems.add(name + ":" + (i + 1) + ": " + tag + " names no rule of the catalogue");
                        }
                    } else if (tag.startsWith("@leaf:")) {
                        leafTagCount++;
                        if (!leafTags.contains(tag)) {
                            problems.add(name + ":" + (i + 1) + ": " + tag + " names no leaf of the catalogue");
                        }
                    }
                }
            }
        }
        return new Check(problems, ruleTags, leafTagCount);
    }

    static Set<String> specRuleIds(Catalogue catalogue) {
        Set<String> ids = new TreeSet<>();
        for (LeafSpec leaf : catalogue.leaves()) {
            for (Rule r : leaf.rules()) ids.add(r.id());
        }
        return ids;
    }

    static Set<String> leafTags(Catalogue catalogue) {
        Set<String> tags = new TreeSet<>();
        for (LeafSpec leaf : catalogue.leaves()) tags.add(ContractFeatureGenerator.leafTag(leaf.leaf()));
        return tags;
    }

    private static final Pattern GENERIC_ID = Pattern.compile("`((?:CONTRACT|DISPATCH|SEAMCALL|CALLER)-[A-Z0-9-]+)`");

    /**
     * The generic rule ids as the docs list them: the "Generic rules" section of docs/leaf-spec-format.md and the
     * rule table of docs/caller-spec-format.md (rows {@code | `CALLER-...` | what it checks |}).
     */
    static Set<String> genericRuleIds(Path docs) throws IOException {
        Set<String> ids = new TreeSet<>();
        String format = Files.readString(docs.resolve("leaf-spec-format.md"));
        int start = format.indexOf("## Generic rules");
        assertThat(start).as("docs/leaf-spec-format.md has a 'Generic rules' section").isGreaterThanOrEqualTo(0);
        int end = format.indexOf("\n## ", start + 1);
        Matcher m = GENERIC_ID.matcher(format.substring(start, end < 0 ? format.length() : end));
        while (m.find()) ids.add(m.group(1));
        for (String line : Files.readAllLines(docs.resolve("caller-spec-format.md"))) {
            if (!line.startsWith("| `CALLER-")) continue;
            Matcher c = GENERIC_ID.matcher(line.substring(0, line.indexOf('|', 1)));
            if (c.find()) ids.add(c.group(1));
        }
        return ids;
    }
}
