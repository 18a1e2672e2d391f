package dev.integrator.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * What a resource route file may say: an allow-list, checked on the text Camel will load. Route files are data, and
 * Camel's YAML DSL can otherwise create objects of classes it names, run scripts, build endpoint URIs at run time and
 * read the environment through placeholders. So a resource file holds only {@code templatedRoute} entries of the
 * chain template, each with a route id and the template's declared parameters as plain values; nothing else.
 * <p>
 * The check reads the file with Camel's own YAML parser (snakeyaml-engine), not with another library: anchors,
 * aliases and tags are refused from its event stream, since a parser that reads them differently (Jackson takes
 * {@code *x} for the text "x") would check one thing while Camel loads another.
 */
final class RouteRules {

    private static final String ENTRY = "templatedRoute";
    private static final List<String> KEYS = List.of("routeTemplateRef", "routeId", "parameters");
    private static final List<String> PARAMETER_KEYS = List.of("name", "value");
    /** Ids, methods, numbers and paths with {name} variables: nothing a placeholder, expression or URI option starts with. */
    private static final Pattern VALUE = Pattern.compile("(?:[A-Za-z0-9._~:/-]|\\{[A-Za-z_][A-Za-z0-9_]*})+");
    private static final String VALUE_RULE = "letters, digits, '.', '_', '~', ':', '-', '/' and {name} path variables";

    private final String file;
    private final String template;
    private final Set<String> parameters;
    private final List<String> problems = new ArrayList<>();

    private RouteRules(String file, String template, Set<String> parameters) {
        this.file = file;
        this.template = template;
        this.parameters = parameters;
    }

    /**
     * Every problem in the resource file {@code file} holding {@code text}, each naming the file and the place: a line
     * and column for YAML features, the path to the entry for what it says.
     */
    static List<String> check(String file, String text, String template, Set<String> parameters) {
        RouteRules rules = new RouteRules(file, template, parameters);
        rules.check(text);
        return rules.problems;
    }

    private void check(String text) {
        LoadSettings settings = LoadSettings.builder().setLabel(file).build();
        try {
            int documents = 0;
            List<Event> events = new ArrayList<>();
            for (Event event : new Parse(settings).parseString(text)) {
                documents += event.getEventId() == Event.ID.DocumentStart ? 1 : 0;
                yamlFeatures(event);
                events.add(event);
            }
            if (documents != 1) {
                problems.add(file + ": must hold one YAML document, but holds " + documents);
            }
            if (problems.isEmpty()) {
                Node root = new Composer(settings, new Replay(events)).getSingleNode().orElseThrow();
                entries(root);
            }
        } catch (YamlEngineException e) {
            problems.add(file + ": not valid YAML: " + e.getMessage());
        }
    }

    /** The events of the check's one parse, for the composer: the file is not parsed a second time to read its entries. */
    private static final class Replay implements Parser {

        private final List<Event> events;
        private int next;

        Replay(List<Event> events) {
            this.events = events;
        }

        @Override
        public boolean hasNext() {
            return next < events.size();
        }

        @Override
        public boolean checkEvent(Event.ID id) {
            return hasNext() && events.get(next).getEventId() == id;
        }

        @Override
        public Event peekEvent() {
            if (!hasNext()) {
                throw new NoSuchElementException("no more events");
            }
            return events.get(next);
        }

        @Override
        public Event next() {
            Event event = peekEvent();
            next++;
            return event;
        }
    }

    /** Anchors and aliases share one value between places the check sees apart; a tag asks for a type. */
    private void yamlFeatures(Event event) {
        if (event instanceof AliasEvent alias) {
            problems.add(at(event) + ": alias *" + alias.getAlias() + " is not allowed: write the value out");
        } else if (event instanceof NodeEvent node && node.getAnchor().isPresent()) {
            problems.add(at(event) + ": anchor &" + node.getAnchor().get() + " is not allowed: write the value out where it is used");
        }
        Optional<String> tag = event instanceof ScalarEvent scalar ? scalar.getTag()
                : event instanceof CollectionStartEvent collection ? collection.getTag() : Optional.empty();
        tag.ifPresent(t -> problems.add(at(event) + ": tag " + t + " is not allowed: values are plain text"));
    }

    private String at(Event event) {
        return event.getStartMark().map(m -> file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse(file);
    }

    private void entries(Node root) {
        if (!(root instanceof SequenceNode list)) {
            problems.add(file + ": must be a YAML list of " + ENTRY + " entries");
            return;
        }
        for (int i = 0; i < list.getValue().size(); i++) {
            Node entry = list.getValue().get(i);
            List<NodeTuple> fields = entry instanceof MappingNode mapping ? mapping.getValue() : List.of();
            String key = fields.size() == 1 ? text(fields.get(0).getKeyNode()) : null;
            if (key == null) {
                problems.add(file + ": /" + i + ": each entry must be a mapping with one key, " + ENTRY);
            } else if (!key.equals(ENTRY)) {
                problems.add(file + ": /" + i + "/" + key + ": only " + ENTRY + " entries of the chain template " + template
                        + " are allowed, but found '" + key + "'");
            } else {
                templatedRoute("/" + i + "/" + ENTRY, fields.get(0).getValueNode());
            }
        }
    }

    private void templatedRoute(String path, Node node) {
        List<NodeTuple> fields = fields(path, node, KEYS);
        if (!(node instanceof MappingNode)) {
            return;
        }
        for (String key : KEYS) {
            if (fields.stream().noneMatch(f -> key.equals(text(f.getKeyNode())))) {
                problems.add(file + ": " + path + ": " + key + " is required");
            }
        }
        for (NodeTuple field : fields) {
            String key = text(field.getKeyNode());
            String at = path + "/" + key;
            switch (key) {
                case "routeTemplateRef" -> {
                    String ref = text(field.getValueNode());
                    if (!template.equals(ref)) {
                        problems.add(file + ": " + at + ": must be " + template + ", but was " + shown(field.getValueNode()));
                    }
                }
                case "routeId" -> value(at, field.getValueNode());
                case "parameters" -> parameters(at, field.getValueNode());
                default -> {
                }
            }
        }
    }

    private void parameters(String path, Node node) {
        if (!(node instanceof SequenceNode list)) {
            problems.add(file + ": " + path + ": must be a list of {name, value}");
            return;
        }
        Set<String> given = new HashSet<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            String at = path + "/" + i;
            List<NodeTuple> fields = fields(at, list.getValue().get(i), PARAMETER_KEYS);
            if (fields.size() != PARAMETER_KEYS.size()) {
                problems.add(file + ": " + at + ": must be {name, value}");
                continue;
            }
            for (NodeTuple field : fields) {
                if (text(field.getKeyNode()).equals("name")) {
                    String name = text(field.getValueNode());
                    if (!parameters.contains(name)) {
                        problems.add(file + ": " + at + "/name: must be a parameter of " + template + " " + parameters.stream().sorted().toList()
                                + ", but was " + shown(field.getValueNode()));
                    } else if (!given.add(name)) {
                        problems.add(file + ": " + at + "/name: parameter " + name + " is given twice");
                    }
                } else {
                    value(at + "/value", field.getValueNode());
                }
            }
        }
    }

    /** The fields of a mapping whose keys are all {@code allowed} and none repeated; problems for the others. */
    private List<NodeTuple> fields(String path, Node node, List<String> allowed) {
        if (!(node instanceof MappingNode mapping)) {
            problems.add(file + ": " + path + ": must be a mapping of " + allowed);
            return List.of();
        }
        List<NodeTuple> fields = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (NodeTuple field : mapping.getValue()) {
            String key = text(field.getKeyNode());
            if (key == null || !allowed.contains(key)) {
                problems.add(file + ": " + path + "/" + (key != null ? key : shown(field.getKeyNode())) + ": is not allowed (only "
                        + String.join(", ", allowed) + ")");
            } else if (!seen.add(key)) {
                problems.add(file + ": " + path + "/" + key + ": is given twice");
            } else {
                fields.add(field);
            }
        }
        return fields;
    }

    private void value(String path, Node node) {
        String value = text(node);
        if (value == null || !VALUE.matcher(value).matches()) {
            problems.add(file + ": " + path + ": must hold only " + VALUE_RULE + ", but was " + shown(node));
        }
    }

    /** The text of a scalar node; null for a list or mapping. */
    private static String text(Node node) {
        return node instanceof ScalarNode scalar ? scalar.getValue() : null;
    }

    private static String shown(Node node) {
        String text = text(node);
        if (text == null) {
            return "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        }
        return "'" + (text.length() > 60 ? text.substring(0, 60) + "..." : text) + "'";
    }
}
