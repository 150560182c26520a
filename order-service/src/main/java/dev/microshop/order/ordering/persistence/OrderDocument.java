package dev.microshop.order.ordering.persistence;

import java.time.Instant;
import java.util.List;

import dev.microshop.common.money.Money;
import dev.microshop.common.outbox.OutboxMessage;
import dev.microshop.order.ordering.domain.Order;
import dev.microshop.order.ordering.domain.OrderLine;
import dev.microshop.order.ordering.domain.OrderStatus;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An order as stored: one document with its lines embedded and the events it has not
 * published yet, money as minor units and a currency. The idempotency key, scoped to the
 * user, is unique: two placements with one key cannot both be stored. The total is kept
 * for readers of the database; the domain recomputes it from the lines.
 */
@Document("orders")
@CompoundIndex(name = "user_created", def = "{'userId': 1, 'createdAt': -1, '_id': -1}")
record OrderDocument(@Id String id, String userId, OrderStatus status, List<Line> lines, long totalMinor,
		String currency, Instant createdAt,
		@Indexed(name = "idempotency_key", unique = true, sparse = true) String idempotencyKey,
		List<OutboxMessage> outbox) {

	static OrderDocument from(Order order, String idempotencyKey, List<OutboxMessage> outbox) {
		Money total = order.total();
		return new OrderDocument(order.id(), order.userId(), order.status(),
				order.lines().stream().map(Line::from).toList(), total.minorUnits(), total.currency(),
				order.createdAt(), idempotencyKey, outbox);
	}

	Order toOrder() {
		return new Order(this.id, this.userId, this.status, this.lines.stream().map(Line::toOrderLine).toList(),
				this.createdAt);
	}

	record Line(String productId, String name, long unitPriceMinor, String currency, int quantity) {

		static Line from(OrderLine line) {
			return new Line(line.productId(), line.name(), line.unitPrice().minorUnits(), line.unitPrice().currency(),
					line.quantity());
		}

		OrderLine toOrderLine() {
			return new OrderLine(this.productId, this.name, Money.ofMinor(this.unitPriceMinor, this.currency),
					this.quantity);
		}

	}

}
