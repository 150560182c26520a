package dev.microshop.deployment;

/**
 * An image reference split into name, tag and digest; {@code ${...}} variables (compose
 * interpolation) are kept whole, so a default such as {@code ${TAG:-1.0}} does not look
 * like a tag separator.
 *
 * @param name the repository, e.g. {@code microshop/order-service} or {@code mongo}
 * @param tag the tag as written, or {@code null} when there is none
 * @param digest the digest, or {@code null}
 */
record ImageReference(String name, String tag, String digest) {

	static ImageReference parse(String reference) {
		String rest = reference.strip();
		String digest = null;
		int at = rest.indexOf('@');
		if (at >= 0) {
			digest = rest.substring(at + 1);
			rest = rest.substring(0, at);
		}
		int colon = -1;
		int depth = 0;
		for (int i = 0; i < rest.length(); i++) {
			char c = rest.charAt(i);
			if (c == '$' && i + 1 < rest.length() && rest.charAt(i + 1) == '{') {
				depth++;
				i++;
			}
			else if (c == '}' && depth > 0) {
				depth--;
			}
			else if (depth == 0 && c == '/') {
				// A colon before a slash belongs to a registry's port.
				colon = -1;
			}
			else if (depth == 0 && c == ':' && colon < 0) {
				colon = i;
			}
		}
		return (colon < 0) ? new ImageReference(rest, null, digest)
				: new ImageReference(rest.substring(0, colon), rest.substring(colon + 1), digest);
	}

	/**
	 * The service name when this is one of our six images ({@code microshop/<service>},
	 * with any registry in front).
	 * @return the service name, or {@code null} for any other image
	 */
	String ourService() {
		int slash = this.name.lastIndexOf('/');
		if (slash < 0 || !this.name.substring(0, slash).endsWith("microshop")) {
			return null;
		}
		String service = this.name.substring(slash + 1);
		return Repository.SERVICES.contains(service) ? service : null;
	}

	/**
	 * Whether the image comes from this project ({@code microshop/...}, stand-ins
	 * included).
	 * @return whether the repository's namespace is microshop
	 */
	boolean isOurs() {
		int slash = this.name.lastIndexOf('/');
		return slash >= 0 && this.name.substring(0, slash).endsWith("microshop");
	}

	/**
	 * Whether the reference names a fixed image: a digest, or a tag other than
	 * {@code latest}. Resolve variables first: in {@code x:${TAG:-latest}} the tag is
	 * latest.
	 * @return the problem, or {@code null} when the reference is pinned
	 */
	String pinningProblem() {
		if (this.digest != null) {
			return null;
		}
		if (this.tag == null || this.tag.isEmpty()) {
			return "no tag (means latest)";
		}
		return this.tag.equalsIgnoreCase("latest") ? "tag latest" : null;
	}

}
