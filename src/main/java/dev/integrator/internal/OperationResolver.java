package dev.integrator.internal;

import dev.integrator.ConfigurationException;
import dev.integrator.OperationId;
import dev.integrator.chain.OperationSpec;
import dev.integrator.chain.Operations;
import dev.integrator.chain.ProviderRuntime;
import dev.integrator.chain.budget.Budget;
import dev.integrator.chain.budget.PauseGate;
import dev.integrator.contract.Contract;
import dev.integrator.contract.ContractOperation;
import dev.integrator.contract.Parameter;
import dev.integrator.http.PathTemplate;
import dev.integrator.normalize.DtoMapping;
import dev.integrator.provider.ProviderLoader;
import dev.integrator.sdk.SdkBinding;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;

/**
 * Reads each operation from the routes Camel built out of the chain template, and checks it against its
 * provider, its contract and its normalizer before anything starts: every problem is reported together.
 */
public final class OperationResolver {

    public static final String TEMPLATE = "integrator-operation";
    /** The chain template's parameters this class reads back; {@code verify} checks them against the declaration. */
    public static final Set<String> READS = Set.of("operation", "method", "path", "contract", "maxAttempts", "requestsPerSecond",
            "breakerGroup", "rateLimitResource", "kind", "binding");
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
    private static final String HTTP = "http";
    private static final String SDK = "sdk";

    private OperationResolver() {
    }

    /** {@code bindings}: the SDK bindings on the class path, by name, for the operations of kind sdk. */
    public static Operations resolve(CamelContext camel, Map<String, ProviderRuntime> providers, Map<String, Contract> contracts,
            Map<String, DtoMapping> mappings, Map<String, SdkBinding> bindings, Map<String, String> pins, boolean operationBudgets) {
        List<String> problems = new ArrayList<>();
        Map<String, OperationSpec> specs = new LinkedHashMap<>();
        for (RouteDefinition route : ((ModelCamelContext) camel).getRouteDefinitions()) {
            if (!route.isCreatedFromTemplate()) {
                continue;
            }
            Map<String, Object> p = new LinkedHashMap<>(route.getTemplateDefaultParameters());
            p.putAll(route.getTemplateParameters());
            OperationId id;
            try {
                id = OperationId.parse(read(p, "operation"));
            } catch (IllegalArgumentException e) {
                problems.add("route " + route.getRouteId() + ": " + e.getMessage());
                continue;
            }
            if (pins.containsKey(id.resourceId())) {
                p.put("contract", pins.get(id.resourceId()));
            }
            if (!operationBudgets) {
                p.put("requestsPerSecond", "0");
            }
            OperationSpec spec = resolve(id, route.getRouteId(), p, providers, contracts, mappings, problems);
            SdkBinding binding = binding(id, p, bindings, problems);
            if (spec != null && binding != null) {
                spec = new OperationSpec(spec.id(), spec.provider(), spec.method(), spec.path(), spec.contractId(), spec.contract(),
                        spec.maxAttempts(), spec.budget(), spec.breaker(), spec.pause(), spec.mapping(), spec.providerVersion(), binding);
            }
            if (spec != null) {
                specs.put(spec.id(), spec);
            }
        }
        if (specs.isEmpty() && problems.isEmpty()) {
            problems.add("no operation is defined: add routes/<provider>/<resource>.yaml using template " + TEMPLATE);
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException("operations", problems);
        }
        return new Operations(specs);
    }

    private static OperationSpec resolve(OperationId id, String routeId, Map<String, Object> p, Map<String, ProviderRuntime> providers,
            Map<String, Contract> contracts, Map<String, DtoMapping> mappings, List<String> problems) {
        String where = "operation " + id + ": ";
        int before = problems.size();
        if (!id.toString().equals(routeId)) {
            problems.add(where + "routeId must equal the operation id, but was " + routeId);
        }
        ProviderRuntime provider = providers.get(id.provider());
        if (provider == null) {
            problems.add(where + "provider '" + id.provider() + "' has no valid settings in routes/" + id.provider() + "/provider.yaml");
        }
        String method = read(p, "method");
        if (!METHODS.contains(method)) {
            problems.add(where + "method must be one of " + METHODS + ", but was " + method);
        }
        String contractId = read(p, "contract");
        Contract contract = contracts.get(contractId);
        ContractOperation op = null;
        if (contract == null) {
            problems.add(where + "contract " + contractId + " not found in contracts/");
        } else if (!contract.provider().equals(id.provider()) || !contract.resource().equals(id.resource())) {
            problems.add(where + "contract " + contractId + " is not a contract of " + id.resourceId());
        } else if (contract.status().equals("retired")) {
            problems.add(where + "contract " + contractId + " is retired: route the operation to a newer version");
        } else if ((op = contract.operations().get(id.operation())) == null) {
            problems.add(where + "contract " + contractId + " has no operation '" + id.operation() + "'");
        }
        String versionHeader = provider == null ? null : provider.config().versionHeader();
        if (contract != null && versionHeader != null && contract.providerVersion() == null) {
            problems.add(where + "contract " + contractId + " must name its providerVersion: " + id.provider()
                    + " pins its API version per contract in " + versionHeader + " (versionHeader)");
        }
        PathTemplate path = null;
        try {
            path = new PathTemplate(read(p, "path"));
        } catch (IllegalArgumentException e) {
            problems.add(where + e.getMessage());
        }
        if (path != null && op != null) {
            Set<String> declared = new HashSet<>();
            op.parametersIn(Parameter.Location.PATH).forEach(x -> declared.add(x.name()));
            if (!declared.equals(new HashSet<>(path.variables()))) {
                problems.add(where + "path variables " + path.variables() + " must be the contract's path parameters " + declared);
            }
        }
        DtoMapping mapping = mappings.get(contractId + "." + id.operation());
        if (mapping == null) {
            problems.add(where + "no DTO mapping for " + contractId + "." + id.operation());
        } else if (op != null && !mapping.dto().equals(op.dto())) {
            problems.add(where + "contract says DTO " + op.dto() + " but the mapping gives " + mapping.dto());
        }
        for (ChainTemplate.Parameter declared : ChainTemplate.shipped().parameters().values()) {
            String value = String.valueOf(p.get(declared.name()));
            if (!declared.accepts(value)) {
                problems.add(where + declared.name() + " must be " + declared.rule() + ", but was " + value);
            }
        }
        int maxAttempts = number(p, "maxAttempts").intValue();
        double rps = number(p, "requestsPerSecond").doubleValue();
        if (maxAttempts < 0 || maxAttempts > 10) {
            problems.add(where + "maxAttempts must be 0..10, but was " + maxAttempts);
        }
        if (rps < 0) {
            problems.add(where + "requestsPerSecond must be >= 0, but was " + rps);
        }
        String breakerGroup = read(p, "breakerGroup");
        if (!breakerGroup.matches("[a-z0-9-]*")) {
            problems.add(where + "breakerGroup must be a lower-case name, but was " + breakerGroup);
        }
        String resource = read(p, "rateLimitResource");
        if (!resource.isEmpty() && !resource.matches(ProviderLoader.RESOURCE)) {
            problems.add(where + "rateLimitResource must be a resource name (" + ProviderLoader.RESOURCE + "), but was " + resource);
        }
        if (problems.size() > before) {
            return null;
        }
        Budget own = rps > 0 ? provider.budget(id.toString(), rps, 1) : null;
        PauseGate pause = provider.pauses().of(resource.isEmpty() ? provider.config().rateLimit().coreResource() : resource);
        return new OperationSpec(id.toString(), provider, method, path, contractId, op,
                maxAttempts > 0 ? maxAttempts : provider.config().retry().maxAttempts(), own, provider.group(breakerGroup), pause,
                mapping, contract.providerVersion(), null);
    }

    /**
     * The SDK binding of an operation of kind sdk; null for http. A binding named for http, or none or an unknown one
     * for sdk, is a problem: a route must say one thing about how it reaches the provider.
     */
    private static SdkBinding binding(OperationId id, Map<String, Object> p, Map<String, SdkBinding> bindings, List<String> problems) {
        String where = "operation " + id + ": ";
        String kind = read(p, "kind");
        String name = read(p, "binding");
        if (kind.equals(HTTP)) {
            if (!name.isEmpty()) {
                problems.add(where + "binding is for kind sdk; kind http calls method and path, but binding was " + name);
            }
            return null;
        }
        if (!kind.equals(SDK)) {
            problems.add(where + "kind must be one of [http, sdk], but was " + kind);
            return null;
        }
        SdkBinding binding = bindings.get(name);
        if (binding == null) {
            problems.add(where + "kind sdk needs the name of an SDK binding on the class path " + new TreeSet<>(bindings.keySet())
                    + ", but binding was '" + name + "'");
        }
        return binding;
    }

    /** A number parameter's value; one that is not a number was reported by its declared type. */
    private static Number number(Map<String, Object> p, String name) {
        try {
            return Double.valueOf(read(p, name));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A parameter's value (its default filled in by Camel); only the names in {@link #READS}, so that list stays true. */
    private static String read(Map<String, Object> p, String name) {
        if (!READS.contains(name)) {
            throw new IllegalStateException("template parameter " + name + " is read but not listed in OperationResolver.READS");
        }
        return String.valueOf(p.get(name));
    }
}
