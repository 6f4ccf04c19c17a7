package org.her2sim.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads a run configuration: YAML → tree → includes inlined → {@code --set} overrides applied
 * → immutable records, validated. Every mistake becomes a {@link ConfigException} naming file,
 * path and expectation.
 *
 * <p>An include is a string where a section is expected: {@code biology: biology/her2.yaml}
 * loads that file (relative to the file that names it) as the section.
 */
public final class ConfigLoader {
    /** Sections that may be given as the path of another YAML file. */
    public static final Set<String> INCLUDABLE = Set.of("biology", "drugs", "regimen");
    private static final int MAX_FILE_BYTES = 4 << 20;

    private final ObjectMapper yaml;
    private final ObjectMapper binder;
    /** Files already read (caching loaders only): absolute path to the parsed tree. */
    private final Map<Path, JsonNode> read;

    public ConfigLoader() {
        this(false);
    }

    /**
     * A loader that reads and parses each file once and hands out copies of its tree: for a sweep,
     * whose thousands of tasks load the same scenario, biology, drugs and context files (a file
     * changed while the sweep runs is not read again). Safe to share between threads.
     */
    public static ConfigLoader caching() {
        return new ConfigLoader(true);
    }

    private ConfigLoader(boolean cache) {
        read = cache ? new ConcurrentHashMap<>() : null;
        LoaderOptions options = new LoaderOptions();
        // limits that keep hostile files (alias bombs, deep nesting) from hanging the reader
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(64);
        options.setCodePointLimit(MAX_FILE_BYTES);
        YAMLFactory factory = YAMLFactory.builder().loaderOptions(options)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
                .build();
        yaml = new YAMLMapper(factory);
        binder = newBinder();
    }

    /** The mapper records are bound with: snake_case keys, unknown keys rejected. */
    public static ObjectMapper newBinder() {
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .addModule(WHOLE_NUMBERS)
                .build();
    }

    /**
     * Whole-number settings (seed, lattice size, cycles) take 1e6 or 3.0, but refuse 1.5: Jackson
     * would truncate it silently, so the run would use another number than the file says.
     */
    private static final SimpleModule WHOLE_NUMBERS = new SimpleModule("whole numbers")
            .addDeserializer(Long.class, whole(Long.class, Long.MIN_VALUE, Long.MAX_VALUE, v -> v))
            .addDeserializer(long.class, whole(long.class, Long.MIN_VALUE, Long.MAX_VALUE, v -> v))
            .addDeserializer(Integer.class, whole(Integer.class, Integer.MIN_VALUE, Integer.MAX_VALUE, Math::toIntExact))
            .addDeserializer(int.class, whole(int.class, Integer.MIN_VALUE, Integer.MAX_VALUE, Math::toIntExact));

    @SuppressWarnings("unchecked")
    private static <T> JsonDeserializer<T> whole(Class<?> type, long min, long max, LongFunction<T> box) {
        return new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    long v = p.getLongValue();
                    if (v >= min && v <= max) {
                        return box.apply(v);
                    }
                } else if (p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
                    double v = p.getDoubleValue();
                    if (v == Math.rint(v) && v >= min && v <= max && Math.abs(v) < 0x1p53) {
                        return box.apply((long) v);
                    }
                }
                return (T) ctxt.handleUnexpectedToken(type, p.currentToken(), p, "expected a whole number, got %s", p.getText());
            }
        };
    }

    /** The mapper resolved configurations are written with. */
    public static ObjectMapper newYamlWriter() {
        YAMLFactory f = YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .build();
        return new YAMLMapper(f).setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    /** One writer for trees of configurations (a mapper is thread-safe once built; building one is slow). */
    private static final ObjectMapper TREE_WRITER = newYamlWriter();

    /** The configuration as a tree, keys as in the files. */
    public static JsonNode tree(SimulationConfig config) {
        return TREE_WRITER.valueToTree(config);
    }

    /** The resolved value at a dotted path ({@code drugs.trastuzumab.pk.central_volume_l}), or null if there is none. */
    public static JsonNode valueAt(SimulationConfig config, String path) {
        return valueAt(tree(config), path);
    }

    /** As above, in a configuration already made a tree ({@link #tree}). */
    public static JsonNode valueAt(JsonNode tree, String path) {
        JsonNode v = tree;
        for (String key : path.split("\\.")) {
            v = v == null ? null : v.isArray() ? (key.matches("\\d+") ? v.get(Integer.parseInt(key)) : null) : v.get(key);
        }
        return v == null || v.isNull() ? null : v;
    }

    /** The configuration with every default filled in, as YAML that loads back to the same values. */
    public static String resolvedYaml(SimulationConfig config) {
        try {
            return newYamlWriter().setSerializationInclusion(JsonInclude.Include.NON_NULL)
                    .writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the resolved configuration", e);
        }
    }

    /** A configuration with its resolved tree and the origin of each section. */
    public record Loaded(SimulationConfig config, Origins origins) {
        /** The configuration after a typed change (errors in it are still named in this file). */
        public Loaded with(ConfigChange change) {
            try {
                return new Loaded(change.apply(config), origins);
            } catch (ConfigProblem e) {
                throw origins.error(e.path(), e.problem());
            }
        }
    }

    /** Loads a scenario in a named context (configs/contexts), as if the file said {@code context: NAME}. */
    public Loaded load(Path file, String context, List<String> overrides) {
        return load(file, overrides, context);
    }

    public Loaded load(Path file, List<String> overrides) {
        return load(file, overrides, null);
    }

    private Loaded load(Path file, List<String> overrides, String context) {
        String name = file.toString();
        Origins origins = new Origins(name);
        JsonNode root = readTree(file);
        if (!root.isObject()) {
            throw ConfigException.at(name, "", "expected a mapping of settings at the top level");
        }
        ObjectNode tree = (ObjectNode) root;
        // what the scenario file itself says, before includes and its context fill in the rest
        Set<String> own = new HashSet<>();
        paths(tree, "", own);
        // a whole section replaced by a file path (--set regimen=regimens/x.yaml) is included too, and a
        // context named on the command line (--set context=patient) fills in as one named in the file
        List<String> later = new ArrayList<>();
        for (String o : overrides) {
            int eq = o.indexOf('=');
            String key = eq > 0 ? o.substring(0, eq).trim() : "";
            if (key.equals("context") && !o.substring(eq + 1).trim().startsWith("{")) {
                useContext(tree, o.substring(eq + 1).trim());
            } else if (INCLUDABLE.contains(key)) {
                applyOverride(tree, o);
            } else {
                later.add(o);
            }
        }
        if (context != null) {
            useContext(tree, context);
        }
        for (String section : INCLUDABLE) {
            JsonNode n = tree.get(section);
            if (n != null && n.isTextual()) {
                Path included = resolveInclude(file, n.asText(), name, section);
                JsonNode content = readTree(included);
                tree.set(section, content);
                origins.record(section, included.toString());
            }
        }
        if (!tree.has("name")) {
            String base = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            tree.put("name", base);
        }
        applyContext(file, tree, own, later, origins);
        for (String o : later) {
            applyOverride(tree, o);
        }
        SimulationConfig config = bind(tree, SimulationConfig.class, origins);
        return new Loaded(config, origins);
    }

    /** A named context (--set context=patient): the scenario's own context settings stay, the named context fills in. */
    private static void useContext(ObjectNode tree, String name) {
        JsonNode c = tree.get("context");
        ObjectNode merged = c != null && c.isObject() ? (ObjectNode) c : tree.putObject("context");
        merged.put("from", name);
    }

    /** Every dotted path of a tree's values (a.b.0.c), for telling what a file sets itself. */
    private static void paths(JsonNode node, String prefix, Set<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> paths(e.getValue(), prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                paths(node.get(i), prefix + "." + i, out);
            }
        }
        if (!prefix.isEmpty()) {
            out.add(prefix);
        }
    }

    /**
     * {@code context: patient} (or {@code context: {from: patient, ...}}): the context file's settings
     * apply where neither the scenario file nor a --set gives the value. A bare name is looked for as
     * contexts/NAME.yaml beside the scenario or in a folder above it; a path is relative to the scenario.
     */
    private void applyContext(Path file, ObjectNode tree, Set<String> explicit, List<String> overrides, Origins origins) {
        JsonNode c = tree.get("context");
        String from = null;
        if (c != null && c.isTextual()) {
            from = c.asText();
            ObjectNode replaced = tree.putObject("context");
            replaced.put("from", from);
        } else if (c != null && c.isObject() && c.has("from") && c.get("from").isTextual()) {
            from = c.get("from").asText();
        }
        if (from == null) {
            return;
        }
        Path f = contextFile(file, from);
        ContextFile context = context(f);
        // the context is inlined like an include: the resolved configuration keeps only its name
        ObjectNode own = (ObjectNode) tree.get("context");
        own.remove("from");
        if (!own.has("name")) {
            own.put("name", from);
        }
        Set<String> given = new HashSet<>();
        for (String o : overrides) {
            int eq = o.indexOf('=');
            if (eq > 0) {
                given.add(o.substring(0, eq).trim());
            }
        }
        for (var e : context.set().entrySet()) {
            String path = e.getKey();
            if (explicit.contains(path) || given.contains(path)) {
                continue;
            }
            JsonNode value = e.getValue();
            applyOverride(tree, path + "=" + (value.isTextual() ? value.asText() : value.toString()));
            origins.record(path, f.toString());
        }
    }

    /** A context file, read and checked, with the context it extends (contexts/NAME.yaml beside it) beneath it. */
    public ContextFile context(Path file) {
        return context(file, new ArrayList<>());
    }

    private ContextFile context(Path file, List<Path> chain) {
        ContextFile c = bind(readTree(file), ContextFile.class, new Origins(file.toString()));
        if (c.base() == null) {
            return c;
        }
        chain.add(file);
        Path under = resolveIn(file.toAbsolutePath().getParent(), c.base() + ".yaml", file.toString(), "extends");
        if (!Files.isRegularFile(under)) {
            throw ConfigException.at(file.toString(), "extends", "no context '" + c.base() + "' beside it (looked at " + under + ")");
        }
        if (chain.contains(under)) {
            throw ConfigException.at(file.toString(), "extends", "contexts extend each other in a circle");
        }
        return c.over(context(under, chain));
    }

    /** The file of the context a scenario names: a path relative to it, or contexts/NAME.yaml beside it or in a folder above. */
    public static Path contextFile(Path scenario, String from) {
        Path dir = scenario.toAbsolutePath().getParent();
        if (from.endsWith(".yaml") || from.endsWith(".yml") || from.contains("/")) {
            Path p = resolveIn(dir, from, scenario.toString(), "context");
            if (!Files.isRegularFile(p)) {
                throw ConfigException.at(scenario.toString(), "context", "context file '" + from + "' not found (looked at " + p + ")");
            }
            return p;
        }
        for (Path d = dir; d != null; d = d.getParent()) {
            Path p = resolveIn(d.resolve("contexts"), from + ".yaml", scenario.toString(), "context");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw ConfigException.at(scenario.toString(), "context", "no context '" + from + "' (looked for contexts/" + from
                + ".yaml beside the scenario and in the folders above it)");
    }

    private Path resolveInclude(Path from, String target, String fromName, String section) {
        Path dir = from.toAbsolutePath().getParent();
        Path p = resolveIn(dir, target, fromName, section);
        if (!Files.isRegularFile(p)) {
            throw ConfigException.at(fromName, section, "included file '" + target + "' not found (looked at " + p + ")");
        }
        return p;
    }

    /** A file named in a configuration, beside it; a name the file system cannot hold (a NUL byte) is an input error. */
    private static Path resolveIn(Path dir, String name, String file, String field) {
        try {
            return dir.resolve(name).normalize();
        } catch (InvalidPathException e) {
            throw ConfigException.at(file, field, "'" + name.replace('\u0000', '?') + "' is not a possible file name (" + e.getReason() + ")");
        }
    }

    /** Reads one YAML file into a tree; a missing or malformed file is a ConfigException. */
    public JsonNode readTree(Path file) {
        if (read != null) {
            return read.computeIfAbsent(file.toAbsolutePath().normalize(), k -> parse(file)).deepCopy();
        }
        return parse(file);
    }

    private JsonNode parse(Path file) {
        String name = file.toString();
        try {
            byte[] bytes;
            // read at most one byte past the limit: a device such as /dev/zero reports size 0 and never ends
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            }
            if (bytes.length > MAX_FILE_BYTES) {
                throw ConfigException.at(name, "", "file is larger than " + (MAX_FILE_BYTES >> 20) + " MiB");
            }
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            refuseAmbiguousNumbers(text, name);
            try (JsonParser parser = yaml.getFactory().createParser(text)) {
                JsonNode n = yaml.readTree(parser);
                if (n == null || n.isMissingNode()) {
                    throw ConfigException.at(name, "", "file is empty");
                }
                if (parser.nextToken() != null) {
                    throw ConfigException.at(name, "", "holds more than one YAML document (a second '---'); one file is one configuration");
                }
                return n;
            }
        } catch (NoSuchFileException e) {
            throw new ConfigException(name + ": file not found");
        } catch (CharacterCodingException e) {
            throw new ConfigException(name + ": not valid UTF-8 text");
        } catch (StreamConstraintsException e) {
            throw new ConfigException(name + ": nested more than 64 levels deep");
        } catch (JsonProcessingException e) {
            String loc = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
            throw new ConfigException(name + ": " + loc + "not valid YAML (" + firstLine(e.getOriginalMessage()) + ")");
        } catch (IOException e) {
            throw new ConfigException(name + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /**
     * YAML 1.1 reads 030 as 24 (octal), 0x10 as 16, 0b11 as 3 and 1_000 as 1000: numbers a person
     * rarely means. They are refused, with the line and the way to write what was meant.
     */
    private void refuseAmbiguousNumbers(String text, String name) throws IOException {
        try (JsonParser p = yaml.getFactory().createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                // the YAML reader does not resolve an alias: it would read *name as the text "name"
                if (p instanceof YAMLParser yp && yp.isCurrentAlias()) {
                    String pointer = p.getParsingContext().pathAsPointer().toString();
                    String path = pointer.isEmpty() ? "" : pointer.substring(1).replace('/', '.');
                    throw ConfigException.at(name, path, "line " + p.currentLocation().getLineNr() + ": the alias *" + p.getText()
                            + " is not supported; write the value out in full");
                }
                if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                    String n = p.getText();
                    if (n.matches("[-+]?0[0-9].*|[-+]?0[xXbBoO].*|.*_.*")) {
                        String pointer = p.getParsingContext().pathAsPointer().toString();
                        String path = pointer.isEmpty() ? "" : pointer.substring(1).replace('/', '.');
                        throw ConfigException.at(name, path, "line " + p.currentLocation().getLineNr() + ": '" + n
                                + "' is an octal, hexadecimal, binary or digit-grouped number in YAML 1.1; write it in decimal"
                                + " without leading zeros or underscores, or in quotes if it is text");
                    }
                }
            }
        }
    }

    /** A value given on the command line, read as a YAML scalar or flow collection. */
    public JsonNode scalar(String valueText, String context) {
        if (valueText.isEmpty()) {
            return JsonNodeFactory.instance.textNode("");
        }
        try (JsonParser p = yaml.getFactory().createParser(valueText)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (p instanceof YAMLParser yp && yp.isCurrentAlias()) {
                    throw new ConfigException(context + ": the alias *" + p.getText() + " is not supported; quote the value if it is text");
                }
            }
            return yaml.readTree(valueText);
        } catch (JsonProcessingException e) {
            throw new ConfigException(context + ": value is not valid YAML");
        } catch (IOException e) {
            throw new ConfigException(context + ": value cannot be read (" + e.getMessage() + ")");
        }
    }

    /** A tree written as YAML (a sweep file with its command-line changes). */
    public static String yaml(JsonNode tree) {
        try {
            return newYamlWriter().writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write YAML", e);
        }
    }

    /** Applies {@code path.to.key=value}; the value is read as a YAML scalar or flow collection. */
    void applyOverride(ObjectNode tree, String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException("--set " + assignment + ": expected path.to.key=value");
        }
        String path = assignment.substring(0, eq).trim();
        String valueText = assignment.substring(eq + 1);
        JsonNode value = scalar(valueText, "--set " + assignment);
        String[] parts = path.split("\\.", -1); // keep empty keys: "..=1" is a mistake, not nothing
        JsonNode node = tree;
        for (int i = 0; i < parts.length; i++) {
            String key = parts[i];
            boolean last = i == parts.length - 1;
            if (key.isEmpty()) {
                throw new ConfigException("--set " + assignment + ": empty key in path '" + path + "'");
            }
            if (node instanceof ArrayNode array) {
                int index = parseIndex(key, array.size(), assignment);
                if (last) {
                    array.set(index, value);
                } else {
                    node = array.get(index);
                }
            } else if (node instanceof ObjectNode object) {
                if (last) {
                    object.set(key, value);
                } else {
                    JsonNode child = object.get(key);
                    if (child == null || !child.isContainerNode()) {
                        child = object.putObject(key);
                    }
                    node = child;
                }
            } else {
                throw new ConfigException("--set " + assignment + ": '" + String.join(".", List.of(parts).subList(0, i))
                        + "' is a value, not a section");
            }
        }
    }

    private static int parseIndex(String key, int size, String assignment) {
        try {
            int i = Integer.parseInt(key);
            if (i < 0 || i >= size) {
                throw new ConfigException("--set " + assignment + ": index " + i + " is outside the list (size " + size + ")");
            }
            return i;
        } catch (NumberFormatException e) {
            throw new ConfigException("--set " + assignment + ": '" + key + "' should be a list index");
        }
    }

    /** Binds a tree into a record type, turning Jackson's errors into messages for people. */
    public <T> T bind(JsonNode tree, Class<T> type, Origins origins) {
        return bind(tree, binder.readerFor(type), origins);
    }

    /** Binds a tree into a generic type such as a map of drugs. */
    public <T> T bind(JsonNode tree, TypeReference<T> type, Origins origins) {
        return bind(tree, binder.readerFor(type), origins);
    }

    /** The value at a Jackson error's path in the tree being bound, or null. */
    private static JsonNode nodeAt(JsonNode tree, JsonMappingException e) {
        JsonNode node = tree;
        for (JsonMappingException.Reference r : e.getPath()) {
            if (node == null) {
                return null;
            }
            node = r.getFieldName() != null ? node.get(r.getFieldName()) : node.get(r.getIndex());
        }
        return node;
    }

    /** What the file holds where another type was expected, for ", got …". */
    private static String got(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "";
        }
        if (node.isArray()) {
            return ", got a list";
        }
        if (node.isObject()) {
            return ", got a mapping";
        }
        if (node.isTextual()) {
            return ", got \"" + node.asText() + "\"";
        }
        if (node.isNull()) {
            return ", got null";
        }
        return ", got " + node.asText();
    }

    private <T> T bind(JsonNode tree, ObjectReader reader, Origins origins) {
        // errors name the value's path in the file; what a record refuses (a ConfigProblem) carries
        // its own field's path, joined to where the record sits
        try {
            return reader.readValue(tree);
        } catch (UnrecognizedPropertyException e) {
            String path = pathOf(e);
            List<String> known = new ArrayList<>();
            if (e.getKnownPropertyIds() != null) {
                e.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
            }
            throw origins.error(path, "unknown key '" + e.getPropertyName() + "'" + Suggest.hint(e.getPropertyName(), known)
                    + (known.isEmpty() ? "" : "; known keys: " + String.join(", ", known.stream().sorted().toList())));
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            if (cause instanceof ConfigException ce) {
                throw ce;
            }
            if (cause instanceof ConfigProblem p) {
                throw located(origins, pathOf(e), p);
            }
            throw origins.error(pathOf(e), firstLine(cause.getMessage()));
        } catch (InvalidFormatException e) {
            if (e.getTargetType() != null && e.getTargetType().isEnum() && Choice.class.isAssignableFrom(e.getTargetType())) {
                List<String> words = Choice.words(e.getTargetType());
                throw origins.error(pathOf(e), "expected one of " + String.join(", ", words) + ", got '" + e.getValue() + "'"
                        + Suggest.hint(String.valueOf(e.getValue()), words));
            }
            throw origins.error(pathOf(e), "'" + e.getValue() + "' is not a valid " + simpleType(e.getTargetType()));
        } catch (MismatchedInputException e) {
            throw origins.error(pathOf(e), "expected " + simpleType(e.getTargetType()) + got(nodeAt(tree, e)));
        } catch (JsonMappingException e) {
            throw origins.error(pathOf(e), firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new ConfigException(origins.fileOf("") + ": " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigException(origins.fileOf("") + ": " + e.getMessage());
        }
    }

    /**
     * Joins the path of the object being built with the field a record's check names
     * ("time" + "time.max" → "time.max"; "drugs.x.targets.t" + "ic50" → "drugs.x.targets.t.ic50").
     */
    static ConfigException located(Origins origins, String path, ConfigProblem p) {
        String field = p.path();
        if (field.isEmpty()) {
            return origins.error(path, p.problem());
        }
        int dot = path.lastIndexOf('.');
        String last = dot < 0 ? path : path.substring(dot + 1);
        String parent = dot < 0 ? "" : path.substring(0, dot + 1);
        String full;
        if (path.isEmpty()) {
            full = field;
        } else if (field.startsWith(last + ".")) {
            full = parent + field;
        } else {
            full = path + "." + field;
        }
        return origins.error(full, p.problem());
    }

    private static String simpleType(Class<?> c) {
        if (c == null) {
            return "value";
        }
        if (c == Double.class || c == double.class) {
            return "a number";
        }
        if (c == Long.class || c == long.class || c == Integer.class || c == int.class) {
            return "a whole number";
        }
        if (c == Boolean.class || c == boolean.class) {
            return "true or false";
        }
        if (c == String.class) {
            return "text";
        }
        if (List.class.isAssignableFrom(c)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(c) || c.isRecord()) {
            return "a mapping";
        }
        return c.getSimpleName();
    }

    /** The dotted path (a.b[2].c) of a Jackson error. */
    static String pathOf(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** The first line of a parser's message, short and printable: it may quote a line of a file that is not a configuration. */
    static String firstLine(String s) {
        if (s == null) {
            return "invalid value";
        }
        int nl = s.indexOf('\n');
        return Check.printable(nl < 0 ? s : s.substring(0, nl), 200);
    }
}
