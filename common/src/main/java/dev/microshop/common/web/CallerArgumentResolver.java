package dev.microshop.common.web;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.springframework.core.MethodParameter;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves {@link Caller} parameters from the identity headers set by the gateway.
 */
class CallerArgumentResolver implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == Caller.class;
	}

	@Override
	public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest request, WebDataBinderFactory binderFactory) {
		String userId = request.getHeader(IdentityHeaders.USER_ID);
		if (!StringUtils.hasText(userId)) {
			throw new MissingCallerException();
		}
		String roles = request.getHeader(IdentityHeaders.USER_ROLES);
		return new Caller(userId,
				(roles != null) ? Arrays.stream(roles.split(","))
					.map(String::trim)
					.filter(StringUtils::hasText)
					.collect(Collectors.toSet()) : java.util.Set.of());
	}

}
