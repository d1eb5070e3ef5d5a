package dev.leafspec.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.leafspec.spec.SpecException;
import dev.leafspec.spec.SpecLoader;
import dev.leafspec.spec.model.Catalogue;
import dev.leafspec.spec.model.LeafSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code leafspec list}: the catalogue of leaves, as a table or as JSON. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Print the leaf catalogue: instruction, leaf number, sub-function, name, since, source.",
                "",
                "Exit codes: 0 printed; 2 the leaf specs are missing or do not load."})
final class ListCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print a JSON array of objects with keys instruction, number, subfunction ({\"R10\": n, \"R11\": n}, or null where none), name, since and source (a list).")
    boolean json;

    @Option(names = "--specs", paramLabel = "DIR", description = "The leaf-specs folder (default: leaf-specs in the LeafSpec home).")
    Path specs;

    @Override
    public Integer call() throws Exception {
        Catalogue cat;
        String problem = SpecsFolder.problem(Home.specs(specs));
        if (problem != null) {
            System.err.println("leafspec list: " + problem);
            return LeafSpecCli.HARNESS_ERROR;
        }
        try {
            cat = SpecLoader.loadCatalogue(Home.specs(specs));
        } catch (SpecException e) {
            System.err.println(e.getMessage());
            return LeafSpecCli.HARNESS_ERROR;
        }
        List<LeafSpec> leaves = sorted(cat);
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (LeafSpec l : leaves) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("instruction", l.instruction().name());
                m.put("number", l.number());
                if (l.isSubfunction()) {
                    Map<String, Object> sf = new LinkedHashMap<>();
                    sf.put("R10", l.subfunction().r10());
                    sf.put("R11", l.subfunction().r11());
                    m.put("subfunction", sf);
                } else {
                    m.put("subfunction", null);
                }
                m.put("name", l.leaf());
                m.put("since", l.since());
                m.put("source", l.source());
                rows.add(m);
            }
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
        } else {
            System.out.printf("%-9s %6s %-18s %-40s %-6s %s%n", "INSTR", "LEAF", "SUBFUNCTION", "NAME", "SINCE", "SOURCE");
            for (LeafSpec l : leaves) {
                System.out.printf("%-9s %6d %-18s %-40s %-6s %s%n", l.instruction(), l.number(),
                        l.isSubfunction() ? subfunction(l) : "-", l.leaf(), l.since(), l.source().isEmpty() ? "" : l.source().get(0));
            }
            System.out.printf("%d leaves%n", leaves.size());
        }
        return LeafSpecCli.OK;
    }

    static String subfunction(LeafSpec l) {
        return String.format("R10=%d,R11=0x%x", l.subfunction().r10(), l.subfunction().r11());
    }

    static List<LeafSpec> sorted(Catalogue cat) {
        return cat.leaves().stream().sorted(Comparator.comparing((LeafSpec l) -> l.instruction().name())
                .thenComparingInt(LeafSpec::number)
                .thenComparingLong(l -> l.isSubfunction() ? l.subfunction().r11() : -1)).toList();
    }
}
