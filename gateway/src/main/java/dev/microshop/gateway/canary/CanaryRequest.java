package dev.microshop.gateway.canary;

/**
 * What the load balancer needs to know about a request to pick a version for it, kept in
 * the exchange attribute {@link #ATTRIBUTE} (the load balancer sees the request's
 * attributes, not its principal).
 *
 * @param pinKey whom the request is pinned for (the token's subject), or {@code null} for
 * a request that may go to any version by weight
 * @param requestedVersion the version an administrator asked for with
 * {@value #VERSION_HEADER}, or {@code null}
 */
record CanaryRequest(String pinKey, String requestedVersion) {

	/** The exchange attribute that holds the request's {@code CanaryRequest}. */
	static final String ATTRIBUTE = CanaryRequest.class.getName();

	/** The header with which an administrator asks for one version of the service. */
	static final String VERSION_HEADER = "X-Canary-Version";

	/** A request that may go to any version, by weight. */
	static final CanaryRequest UNPINNED = new CanaryRequest(null, null);

}
