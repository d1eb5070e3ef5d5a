package dev.leafspec.spec;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.leafspec.spec.TestRoot.replaceLine;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON Schemas under leaf-specs/schema/ accept every bundled file and reject misspelt keys.
 * YAML is read with snakeyaml-engine's safe {@link Load} (core schema, so 0x10 is a number as for editors) and the
 * resulting maps are turned into JSON nodes.
 */
class SchemaTest {
    static final Path SCHEMAS = BundledSpecsTest.ROOT.resolve("schema");
    static Schema leafSchema;
    static Schema catalogueSchema;

    @BeforeAll
    static void loadSchemas() throws IOException {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        try (InputStream in = Files.newInputStream(SCHEMAS.resolve("leaf-spec.schema.json"))) {
            leafSchema = registry.getSchema(in, InputFormat.JSON);
        }
        try (InputStream in = Files.newInputStream(SCHEMAS.resolve("status-catalogue.schema.json"))) {
            catalogueSchema = registry.getSchema(in, InputFormat.JSON);
        }
    }

    static JsonNode yamlToJson(String yaml) {
        Object data = new Load(LoadSettings.builder().setSchema(new CoreSchema()).build()).loadFromString(yaml);
        return toJson(data);
    }

    static JsonNode toJson(Object o) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (o == null) return f.nullNode();
        if (o instanceof Map<?, ?> m) {
            ObjectNode n = f.objectNode();
            m.forEach((k, v) -> n.set(String.valueOf(k), toJson(v)));
            return n;
        }
        if (o instanceof List<?> l) {
            ArrayNode a = f.arrayNode();
            l.forEach(v -> a.add(toJson(v)));
            return a;
        }
        if (o instanceof Integer i) return f.numberNode(i.longValue());
        if (o instanceof Long l) return f.numberNode(l);
        if (o instanceof BigInteger b) return f.numberNode(b);
        if (o instanceof Double d) return f.numberNode(d);
        if (o instanceof Boolean b) return f.booleanNode(b);
        return f.stringNode(String.valueOf(o));
    }

    static List<String> validate(Schema schema, String yaml) {
        return schema.validate(yamlToJson(yaml)).stream().map(Error::toString).toList();
    }

    static Stream<Path> yamlUnder(Path dir) {
        if (!Files.isDirectory(dir)) return Stream.empty();
        try {
            return Files.walk(dir).filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyBundledSpecValidatesAgainstTheLeafSpecSchema() {
        List<Path> specs = Stream.of("tdcall", "tdvmcall", "seamcall").map(BundledSpecsTest.ROOT::resolve)
                .flatMap(SchemaTest::yamlUnder).toList();
        assertThat(specs).isNotEmpty();
        return specs.stream().map(p -> DynamicTest.dynamicTest(p.toString(), () ->
                assertThat(validate(leafSchema, Files.readString(p))).as(p.toString()).isEmpty()));
    }

    @TestFactory
    Stream<DynamicTest> everyBundledCatalogueValidatesAgainstTheCatalogueSchema() {
        List<Path> files = yamlUnder(BundledSpecsTest.ROOT.resolve("status")).toList();
        return files.stream().map(p -> DynamicTest.dynamicTest(p.toString(), () ->
                assertThat(validate(catalogueSchema, Files.readString(p))).as(p.toString()).isEmpty()));
    }

    @Test
    void theTestFixturesValidateToo() {
        assertThat(validate(leafSchema, TestRoot.LEAF)).isEmpty();
        assertThat(validate(leafSchema, TestRoot.SUBFUNCTION)).isEmpty();
        assertThat(validate(catalogueSchema, TestRoot.TDX_STATUS)).isEmpty();
        assertThat(validate(catalogueSchema, TestRoot.OPERAND_IDS)).isEmpty();
        assertThat(validate(catalogueSchema, TestRoot.TDVMCALL_STATUS)).isEmpty();
    }

    @Test
    void aMisspeltKeyFailsTheSchema() {
        assertThat(validate(leafSchema, replaceLine(TestRoot.LEAF, 19, "ouputs:")))
                .anyMatch(m -> m.contains("ouputs"))
                .anyMatch(m -> m.contains("outputs"));
        assertThat(validate(leafSchema, replaceLine(TestRoot.LEAF, 12, "    nmae: GPA_AND_LEVEL")))
                .anyMatch(m -> m.contains("nmae"));
        assertThat(validate(catalogueSchema, TestRoot.OPERAND_IDS.replace("value: 1", "vlaue: 1")))
                .anyMatch(m -> m.contains("vlaue"));
    }

    @Test
    void theSchemaRejectsOtherShapeErrors() {
        assertThat(validate(leafSchema, replaceLine(TestRoot.LEAF, 18, "      - { bits: \"64:52\", reserved: zero }"))).isNotEmpty();
        assertThat(validate(leafSchema, replaceLine(TestRoot.LEAF, 6, "since: 1.0"))).isNotEmpty();
        assertThat(validate(leafSchema, replaceLine(TestRoot.LEAF, 25, "vector-state: preserve"))).isNotEmpty();
        assertThat(validate(leafSchema, replaceLine(TestRoot.LEAF, 4, "versions: [0, 256]"))).isNotEmpty();
        assertThat(validate(leafSchema, replaceLine(TestRoot.LEAF, 11, "  RCZ:"))).isNotEmpty();
        assertThat(validate(leafSchema, TestRoot.removeLine(TestRoot.SUBFUNCTION, 4))).as("sub-function without subfunction").isNotEmpty();
    }
}
