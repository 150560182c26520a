package dev.microshop.gateway.dashboard;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

/**
 * One part of the dashboard: {@code {"status": "ok", "data": ...}} with the service's
 * answer unchanged, or {@code {"status": "unavailable", "reason": "timeout"}} (or
 * {@code "error"}) when it could not be had in time.
 *
 * @param status {@value #OK} or {@value #UNAVAILABLE}
 * @param data the service's response body, when {@code ok}
 * @param reason {@value #TIMEOUT} or {@value #ERROR}, when {@code unavailable}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DashboardPart(String status, JsonNode data, String reason) {

	static final String OK = "ok";

	static final String UNAVAILABLE = "unavailable";

	/** The service did not answer within the part's timeout. */
	static final String TIMEOUT = "timeout";

	/**
	 * The service could not be reached, or answered with an error or something that is
	 * not JSON.
	 */
	static final String ERROR = "error";

	static DashboardPart ok(JsonNode data) {
		return new DashboardPart(OK, data, null);
	}

	static DashboardPart unavailable(String reason) {
		return new DashboardPart(UNAVAILABLE, null, reason);
	}

}
