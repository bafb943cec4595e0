package com.tenantgraph.data.model;

import com.tenantgraph.data.Attributes;
import com.tenantgraph.data.TableKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The typed model of one entity of the single table: its entity type, its attributes (each declared once, with its
 * rules), its primary key and its derived index keys, and how it is read back. Keys are always derived from the
 * entity (through {@code Keys}), never set by callers; the audit fields ({@code createdAt}, {@code updatedAt},
 * {@code version}) are set by the {@link Writes} hooks, never by callers.
 *
 * <p>This is the whole "ORM" of the project on purpose: the lessons of Dynamoose (a schema per entity, validation,
 * defaults, timestamps, a small query builder, write hooks) in typed Java, for this domain only.
 */
public final class EntityModel<T> {
    private final String entityType;
    private final List<Attribute<T, ?>> attributes;
    private final Function<T, TableKey> key;
    private final Function<T, Map<String, String>> indexKeys;
    private final Function<Map<String, AttributeValue>, T> reader;
    private final Audit audit;

    /** Which attributes the audit hook maintains: set on create, set on update (null: none), and the version. */
    public record Audit(String createdAt, String updatedOnUpdate, String updatedOnCreate, boolean versioned) {
        public static final Audit NONE = new Audit(null, null, null, false);
        /** createdAt and updatedAt on create, updatedAt on every change, a version. */
        public static final Audit STANDARD = new Audit("createdAt", "updatedAt", "updatedAt", true);
    }

    private EntityModel(String entityType, List<Attribute<T, ?>> attributes, Function<T, TableKey> key,
                        Function<T, Map<String, String>> indexKeys, Function<Map<String, AttributeValue>, T> reader,
                        Audit audit) {
        this.entityType = entityType;
        this.attributes = List.copyOf(attributes);
        this.key = key;
        this.indexKeys = indexKeys;
        this.reader = reader;
        this.audit = audit;
    }

    /**
     * @param indexKeys the GSI key attributes of an entity in its current state (an empty map: in no index)
     */
    public static <T> EntityModel<T> of(String entityType, List<Attribute<T, ?>> attributes, Function<T, TableKey> key,
                                        Function<T, Map<String, String>> indexKeys,
                                        Function<Map<String, AttributeValue>, T> reader, Audit audit) {
        return new EntityModel<>(entityType, attributes, key, indexKeys, reader, audit);
    }

    public String entityType() {
        return entityType;
    }

    public Audit audit() {
        return audit;
    }

    public TableKey key(T entity) {
        return key.apply(entity);
    }

    /** Checks every attribute's rules (BAD_USER_INPUT naming the first field that breaks one). */
    public void validate(T entity) {
        attributes.forEach(attribute -> validateOne(attribute, entity));
    }

    private static <T, V> void validateOne(Attribute<T, V> attribute, T entity) {
        attribute.validate(attribute.get(entity));
    }

    /** The full item: primary key, entity type, the present attributes and the index keys of its state. */
    public Map<String, AttributeValue> toItem(T entity) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(key.apply(entity).toAttributeMap());
        item.put(Attributes.ENTITY_TYPE, AttributeValue.fromS(entityType));
        attributes.forEach(attribute -> attribute.write(entity, item));
        indexKeys.apply(entity).forEach((name, value) -> item.put(name, AttributeValue.fromS(value)));
        return item;
    }

    /** Reads a stored item of this type; empty for a missing item or an item of another type. */
    public Optional<T> fromItem(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        AttributeValue type = item.get(Attributes.ENTITY_TYPE);
        if (type == null || !entityType.equals(type.s())) {
            return Optional.empty();
        }
        return Optional.of(reader.apply(item));
    }
}
