package dev.leafspec.steps.caller;

import dev.leafspec.caller.CallerResult;
import dev.leafspec.steps.Harness;
import dev.leafspec.steps.NotSupported;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Steps of {@code features/caller}: the caller rules of docs/caller-spec-format.md stated over every function of the
 * caller spec under test ({@link CallerUnderTest}). The functions run once per library and spec; each scenario judges
 * the failures of its rules. A failure lists, per broken rule, the leaf and the checker's message
 * ({@code function [case]: REGISTER: what is wrong [RULE]}).
 */
public class CallerSteps {
    /** Every rule the caller checker reports; a failure with any other rule id is itself a failure. */
    public static final Set<String> RULES = Set.of("CALLER-INSTRUCTION", "CALLER-LEAF", "CALLER-RAX-RESERVED", "CALLER-SUBFUNCTION",
            "CALLER-INPUT-RESERVED", "CALLER-INPUT", "CALLER-BITMAP-RESERVED", "CALLER-BITMAP-FORBIDDEN", "CALLER-BITMAP-SELECT",
            "CALLER-BITMAP-LEAK", "CALLER-PRESERVE", "CALLER-XMM", "CALLER-HOST-VALUE", "CALLER-RETURN", "CALLER-RAX-BEFORE-R10",
            "CALLER-ERROR-LOST", "CALLER-RESULT", "CALLER-NO-CALL", "CALLER-FAULT", "CALLER-HARNESS", "CALLER-RETRY");
    private static final Pattern RULE = Pattern.compile("\\[([A-Z0-9-]+)]$");

    private Scenario scenario;
    private List<CallerUnderTest.Target> targets = List.of();
    private final List<CallerUnderTest.Run> runs = new ArrayList<>();

    @Before(order = 1)
    public void remember(Scenario scenario) {
        this.scenario = scenario;
    }

    @Given("the caller library and caller spec under test")
    public void underTest() {
        List<CallerUnderTest.Target> targets;
        try {
            targets = CallerUnderTest.targets();
        } catch (IllegalArgumentException e) {
            throw new AssertionError(e.getMessage());
        }
        for (CallerUnderTest.Target t : targets) {
            scenario.log("caller under test: " + t.lib() + " with " + t.spec());
        }
        this.targets = targets;
    }

    @When("every function of the caller spec has run in its normal and module-error cases")
    public void runAll() {
        List<String> problems = new ArrayList<>();
        List<String> notSupported = new ArrayList<>();
        for (CallerUnderTest.Target t : targets) {
            CallerUnderTest.Run r = CallerUnderTest.run(t, Harness.catalogue());
            if (r.problem() != null) problems.add(t.describe() + ": " + r.problem());
            else if (r.notSupported() != null) notSupported.add(t.describe() + ": " + r.notSupported());
            else runs.add(r);
        }
        if (!problems.isEmpty()) throw new AssertionError("the caller could not be run [CALLER-HARNESS]:\n" + String.join("\n", problems));
        if (runs.isEmpty()) throw NotSupported.because(String.join("; ", notSupported));
        notSupported.forEach(n -> scenario.log("NOT_SUPPORTED " + n));
        for (CallerUnderTest.Run r : runs) {
            long ns = r.results().stream().filter(c -> c.status() == CallerResult.Status.NOT_SUPPORTED).count();
            scenario.log(r.target().describe() + ": " + r.results().size() + " function case(s) ran, " + ns + " not supported");
        }
    }

    @Then("no function breaks {callerRules}")
    public void noneBreaks(List<String> rules) {
        judge(Set.copyOf(rules), false);
    }

    @Then("no function breaks a rule outside the caller rules")
    public void noneBreaksUnknown() {
        judge(RULES, true);
    }

    @io.cucumber.java.ParameterType(name = "callerRules", value = "CALLER-[A-Z0-9-]+(?:(?:, | or | and )CALLER-[A-Z0-9-]+)*")
    public List<String> rules(String text) {
        return Arrays.stream(text.split(", | or | and ")).map(String::trim).toList();
    }

    private void judge(Set<String> rules, boolean outside) {
        List<String> lines = new ArrayList<>();
        Set<String> broken = new LinkedHashSet<>();
        int checked = 0;
        for (CallerUnderTest.Run r : runs) {
            for (CallerResult c : r.results()) {
                if (c.status() == CallerResult.Status.NOT_SUPPORTED) continue;
                checked++;
                for (String m : c.messages()) {
                    Matcher mm = RULE.matcher(m);
                    String rule = mm.find() ? mm.group(1) : "?";
                    if (outside ? !rules.contains(rule) : rules.contains(rule)) {
                        broken.add(rule);
                        lines.add("  " + c.issues() + ": " + m + "    (" + r.target().describe() + ")");
                    }
                }
            }
        }
        if (checked == 0) throw NotSupported.because("no function case of the caller spec could run on the reference engine");
        if (!lines.isEmpty()) {
            throw new AssertionError("scenario '" + scenario.getName() + "': " + lines.size() + " failure(s) of "
                    + String.join(", ", broken) + ":\n" + String.join("\n", lines));
        }
    }
}
