package dev.microshop.infra;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;

/**
 * H2's {@link ObjectDataType} writing documents, object ids and index keys as BSON.
 * <p>
 * mongo-java-server's H2 backend stores them with the default type, which writes every
 * object it has no format for with Java serialization: each document read, scanned or
 * indexed went through {@code ObjectInputStream}, and each lookup in a unique index
 * serialized both keys of every comparison (its keys are not {@code Comparable}). Here
 * they are written with the library's own BSON codec behind a tag the default type never
 * writes, so values written by the default type (files of the library's backend, numbers
 * and strings) still read. Unique index keys compare by value: maps holding them must be
 * written by this type from the start ({@link IndexedH2Database} rebuilds them once).
 */
class BsonDataType extends ObjectDataType {

	/** Negative: {@link ObjectDataType} writes tags 0 to 127 only. */
	private static final byte DOCUMENT = -66;

	private static final byte OBJECT_ID = -67;

	private static final byte KEY_VALUE = -68;

	private static final String VALUES = "v";

	private static final Comparator<Object> VALUE_ORDER = ValueComparator.ascWithoutListHandling();

	@Override
	public void write(WriteBuffer buffer, Object value) {
		if (value instanceof Document document) {
			buffer.put(DOCUMENT);
			writeBson(buffer, document);
		}
		else if (value instanceof ObjectId objectId) {
			buffer.put(OBJECT_ID);
			buffer.put(objectId.toByteArray());
		}
		else if (value instanceof KeyValue keyValue) {
			buffer.put(KEY_VALUE);
			writeBson(buffer, new Document(VALUES, keyValues(keyValue)));
		}
		else {
			super.write(buffer, value);
		}
	}

	@Override
	public Object read(ByteBuffer buffer) {
		byte tag = buffer.get(buffer.position());
		return switch (tag) {
			case DOCUMENT -> {
				buffer.get();
				yield readBson(buffer);
			}
			case OBJECT_ID -> {
				buffer.get();
				byte[] bytes = new byte[12];
				buffer.get(bytes);
				yield new ObjectId(bytes);
			}
			case KEY_VALUE -> {
				buffer.get();
				yield new KeyValue((List<?>) readBson(buffer).get(VALUES));
			}
			default -> super.read(buffer);
		};
	}

	@Override
	public int compare(Object left, Object right) {
		if (left instanceof KeyValue leftKey && right instanceof KeyValue rightKey) {
			return compareKeys(leftKey, rightKey);
		}
		return super.compare(left, right);
	}

	@Override
	public int getMemory(Object value) {
		if (value instanceof Document || value instanceof KeyValue || value instanceof ObjectId) {
			return estimateMemory(value);
		}
		return super.getMemory(value);
	}

	static void writeBson(WriteBuffer buffer, Map<String, ?> document) {
		ByteBuf encoded = Unpooled.buffer(256);
		BsonEncoder.encodeDocument(document, encoded);
		buffer.put(encoded.array(), encoded.arrayOffset() + encoded.readerIndex(), encoded.readableBytes());
	}

	static Document readBson(ByteBuffer buffer) {
		// Copied out: Netty reads a plain array faster than a slice of the page's buffer.
		byte[] bytes = new byte[Integer.reverseBytes(buffer.getInt(buffer.position()))];
		buffer.get(bytes);
		return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
	}

	private static List<Object> keyValues(KeyValue keyValue) {
		List<Object> values = new ArrayList<>(keyValue.size());
		keyValue.forEach(values::add);
		return values;
	}

	/**
	 * By value, as MongoDB orders an index; values the comparator takes as equal but that
	 * are not (different number types) by type, so that no two distinct keys collide.
	 */
	private static int compareKeys(KeyValue left, KeyValue right) {
		for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
			int result = compareValues(left.get(i), right.get(i));
			if (result != 0) {
				return result;
			}
		}
		return Integer.compare(left.size(), right.size());
	}

	static int compareValues(Object left, Object right) {
		int result = VALUE_ORDER.compare(left, right);
		if (result == 0 && left != null && right != null && !left.equals(right)) {
			result = left.getClass().getName().compareTo(right.getClass().getName());
		}
		return result;
	}

	/** The heap a value takes, roughly, for the store's page cache to count. */
	static int estimateMemory(Object value) {
		if (value == null) {
			return 0;
		}
		if (value instanceof String string) {
			return 40 + string.length();
		}
		if (value instanceof Map<?, ?> map) {
			int memory = 64;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				memory += 40 + estimateMemory(entry.getKey()) + estimateMemory(entry.getValue());
			}
			return memory;
		}
		if (value instanceof Collection<?> collection) {
			int memory = 40;
			for (Object element : collection) {
				memory += 8 + estimateMemory(element);
			}
			return memory;
		}
		if (value instanceof KeyValue keyValue) {
			int memory = 56;
			for (Object element : keyValue) {
				memory += 8 + estimateMemory(element);
			}
			return memory;
		}
		if (value instanceof byte[] bytes) {
			return 16 + bytes.length;
		}
		return 24;
	}

}
