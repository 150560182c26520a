package dev.microshop.order;

import java.util.Arrays;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import dev.microshop.common.web.Caller;
import dev.microshop.common.web.IdentityHeaders;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document: a {@link Caller} parameter is not a query parameter but the
 * identity header the gateway sets, so it is documented as such.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static {
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
	}

	@Bean
	OpenAPI orderServiceApi() {
		return new OpenAPI().info(new Info().title("order-service")
			.description("The product catalog (public) and the caller's orders.")
			.version("v1"));
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
