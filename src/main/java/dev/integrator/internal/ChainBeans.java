package dev.integrator.internal;

import dev.integrator.OperationId;
import java.util.List;

/**
 * The names under which the chain's steps are bound, as the chain template ({@link RouteFiles#CHAIN}) refers to them.
 * The template cannot import these constants: a test reads it and holds the two to the same list.
 */
public final class ChainBeans {

    public static final String REQUEST = "integratorRequest";
    public static final String BUDGET = "integratorBudget";
    public static final String CALL = "integratorCall";
    public static final String RESPONSE = "integratorResponse";
    public static final String NORMALIZE = "integratorNormalize";
    /** The outcome's two paths, as processors: a bean call would resolve its method by reflection on every call. */
    public static final String SUCCEED = "integratorSucceed";
    public static final String FAIL = "integratorFail";
    public static final String RETRY_POLICY = "integratorRetryPolicy";
    public static final String RETRY_DELAY = "integratorRetryDelay";
    /** Every step the template refers to by name. */
    public static final List<String> STEPS = List.of(REQUEST, BUDGET, CALL, RESPONSE, NORMALIZE, SUCCEED, FAIL, RETRY_POLICY, RETRY_DELAY);
    /** The template names each operation's circuit breaker with this prefix and the operation id. */
    public static final String BREAKER_PREFIX = "breaker.";

    private ChainBeans() {
    }

    public static String breaker(OperationId operation) {
        return BREAKER_PREFIX + operation;
    }
}
