package dev.microshop.common.web;

import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The web wiring every servlet service shares: {@link Caller} parameters and problem
 * details for every error. It runs before Boot's MVC auto-configuration so that Boot's
 * own problem-details handler backs off in favour of {@link ProblemDetailsAdvice}.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@ConditionalOnWebApplication(type = Type.SERVLET)
@Import({ ProblemDetailsAdvice.class, CallerOpenApiConfiguration.class })
public class ServiceWebAutoConfiguration {

	@Bean
	WebMvcConfigurer callerResolverConfigurer() {
		return new WebMvcConfigurer() {

			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(new CallerArgumentResolver());
			}

		};
	}

}
