package dev.integrator.internal;

import dev.integrator.ConfigurationException;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;

/**
 * Reads each operation from the routes Camel built out of the chain template, and checks it against its
 * provider, its contract and its normalizer before anything starts: every problem is reported together.
 */
public final class OperationResolver {

    public static final String TEMPLATE = "integrator-operation";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");

    private OperationResolver() {
    }

    public static Operations resolve(CamelContext camel, Map<String, ProviderRuntime> providers, Map<String, Contract> contracts,
            Map<String, DtoMapping> mappings, Map<String, String> pins, boolean operationBudgets) {
        List<String> problems = new ArrayList<>();
        Map<String, OperationSpec> specs = new LinkedHashMap<>();
        for (RouteDefinition route : ((ModelCamelContext) camel).getRouteDefinitions()) {
            if (!route.isCreatedFromTemplate()) {
                continue;
            }
            Map<String, Object> p = new LinkedHashMap<>(route.getTemplateDefaultParameters());
            p.putAll(route.getTemplateParameters());
            String operation = String.valueOf(p.get("operation"));
            String resource = operation.contains(".") ? operation.substring(0, operation.lastIndexOf('.')) : operation;
            if (pins.containsKey(resource)) {
                p.put("contract", pins.get(resource));
            }
            if (!operationBudgets) {
                p.put("requestsPerSecond", "0");
            }
            OperationSpec spec = resolve(route.getRouteId(), p, providers, contracts, mappings, problems);
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

    private static OperationSpec resolve(String routeId, Map<String, Object> p, Map<String, ProviderRuntime> providers,
            Map<String, Contract> contracts, Map<String, DtoMapping> mappings, List<String> problems) {
        String id = String.valueOf(p.get("operation"));
        String where = "operation " + id + ": ";
        int before = problems.size();
        String[] parts = id.split("\\.");
        if (parts.length != 3 || !id.matches("[a-z0-9-]+\\.[a-z0-9-]+\\.[a-zA-Z0-9-]+")) {
            problems.add(where + "id must be <provider>.<resource>.<operation>");
            return null;
        }
        if (!id.equals(routeId)) {
            problems.add(where + "routeId must equal the operation id, but was " + routeId);
        }
        ProviderRuntime provider = providers.get(parts[0]);
        if (provider == null) {
            problems.add(where + "provider '" + parts[0] + "' has no valid settings in routes/" + parts[0] + "/provider.yaml");
        }
        String method = String.valueOf(p.get("method"));
        if (!METHODS.contains(method)) {
            problems.add(where + "method must be one of " + METHODS + ", but was " + method);
        }
        String contractId = String.valueOf(p.get("contract"));
        Contract contract = contracts.get(contractId);
        ContractOperation op = null;
        if (contract == null) {
            problems.add(where + "contract " + contractId + " not found in contracts/");
        } else if (!contract.provider().equals(parts[0]) || !contract.resource().equals(parts[1])) {
            problems.add(where + "contract " + contractId + " is not a contract of " + parts[0] + "." + parts[1]);
        } else if (contract.status().equals("retired")) {
            problems.add(where + "contract " + contractId + " is retired: route the operation to a newer version");
        } else if ((op = contract.operations().get(parts[2])) == null) {
            problems.add(where + "contract " + contractId + " has no operation '" + parts[2] + "'");
        }
        PathTemplate path = null;
        try {
            path = new PathTemplate(String.valueOf(p.get("path")));
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
        DtoMapping mapping = mappings.get(contractId + "." + parts[2]);
        if (mapping == null) {
            problems.add(where + "no DTO mapping for " + contractId + "." + parts[2]);
        } else if (op != null && !mapping.dto().equals(op.dto())) {
            problems.add(where + "contract says DTO " + op.dto() + " but the mapping gives " + mapping.dto());
        }
        int maxAttempts = number(p, "maxAttempts", where, problems).intValue();
        double rps = number(p, "requestsPerSecond", where, problems).doubleValue();
        if (maxAttempts < 0 || maxAttempts > 10) {
            problems.add(where + "maxAttempts must be 0..10, but was " + maxAttempts);
        }
        if (rps < 0) {
            problems.add(where + "requestsPerSecond must be >= 0, but was " + rps);
        }
        String breakerGroup = String.valueOf(p.getOrDefault("breakerGroup", ProviderRuntime.DEFAULT_GROUP));
        if (!breakerGroup.matches("[a-z0-9-]*")) {
            problems.add(where + "breakerGroup must be a lower-case name, but was " + breakerGroup);
        }
        String resource = String.valueOf(p.get("rateLimitResource"));
        if (!resource.isEmpty() && !resource.matches(ProviderLoader.RESOURCE)) {
            problems.add(where + "rateLimitResource must be a resource name (" + ProviderLoader.RESOURCE + "), but was " + resource);
        }
        if (problems.size() > before) {
            return null;
        }
        Budget own = rps > 0 ? new Budget(id, rps, 1, provider.time()) : null;
        PauseGate pause = provider.pauses().of(resource.isEmpty() ? provider.config().rateLimit().coreResource() : resource);
        return new OperationSpec(id, provider, method, path, contractId, op,
                maxAttempts > 0 ? maxAttempts : provider.config().retry().maxAttempts(), own, provider.group(breakerGroup), pause,
                mapping);
    }

    private static Number number(Map<String, Object> p, String name, String where, List<String> problems) {
        try {
            return Double.valueOf(String.valueOf(p.get(name)));
        } catch (NumberFormatException e) {
            problems.add(where + name + " must be a number, but was " + p.get(name));
            return 0;
        }
    }
}
