package dev.microshop.common.web;

import java.util.Arrays;

import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Documents a {@link Caller} parameter as what it is, the identity header the gateway
 * sets, instead of a query parameter named "caller".
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(OperationCustomizer.class)
class CallerOpenApiConfiguration {

	static {
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
	}

	@Bean
	OperationCustomizer callerIdentityHeader() {
		return (operation, handlerMethod) -> {
			if (Arrays.stream(handlerMethod.getMethodParameters())
				.anyMatch((parameter) -> parameter.getParameterType() == Caller.class)) {
				operation.addParametersItem(new HeaderParameter().name(IdentityHeaders.USER_ID)
					.required(true)
					.description("The caller's user id, set by the gateway from the verified token")
					.schema(new StringSchema()));
			}
			return operation;
		};
	}

}
