package com.tenantgraph.data.model;

import com.tenantgraph.data.Attributes;
import com.tenantgraph.data.TableKey;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The model of one entity of the single table, declared once on its record: the schema (every record component is an
 * attribute, stored with the codec of its type; the schema adds required, default, read-only and validation), the
 * audit settings (timestamps, version), the primary key and the GSI keys (both derived through {@code Keys} from the
 * entity's state), and the plugins that run on every write of it. The same declaration writes the item and reads it
 * back through the record's canonical constructor, resolved once when the model is built (no reflection per call
 * beyond the accessors, no generated classes). The entity's access patterns are static methods on its record that
 * return a {@link Query} of this model. docs/modeling.md shows how to add an entity.
 *
 * <pre>
 * public static final EntityModel&lt;Project&gt; MODEL = EntityModel.of(Project.class, "PROJECT")
 *         .attribute("name", String.class, a -&gt; a.required().rule(Rules.text(100), "1 to 100 characters"))
 *         .readOnly("tenantId", "projectId").timestamps("createdAt", "updatedAt").versioned()
 *         .key(p -&gt; Keys.project(p.tenantId(), p.projectId()))
 *         .index(Keys.GSI1, p -&gt; new IndexKey(Keys.projectsCollection(p.tenantId()), p.key()))
 *         .build();
 * </pre>
 */
public final class EntityModel<T extends Record> {
    private final Class<T> type;
    private final String entityType;
    private final List<Attribute> attributes;
    private final Constructor<T> constructor;
    private final Function<T, TableKey> key;
    private final Map<String, Function<T, IndexKey>> indexes;
    private final Audit audit;
    private final String partialFlag;
    private final List<Plugin> plugins;

    /**
     * The audit settings: the attribute set on create (kept when the entity already carries it), the one set on every
     * change (and on create, unless it records edits only), and whether the item carries a version.
     */
    public record Audit(String createdAt, String updatedAt, boolean updatedOnCreate, boolean versioned) {
    }

    private EntityModel(Builder<T> b, List<Plugin> plugins) {
        this.type = b.type;
        this.entityType = b.entityType;
        RecordComponent[] components = b.type.getRecordComponents();
        List<Attribute> list = new ArrayList<>();
        for (RecordComponent component : components) {
            Attribute.Spec<?> spec = b.specs.getOrDefault(component.getName(), new Attribute.Spec<>());
            list.add(new Attribute(component, spec));
        }
        Set<String> unknown = new java.util.HashSet<>(b.specs.keySet());
        list.forEach(a -> unknown.remove(a.component()));
        if (!unknown.isEmpty()) {
            throw new IllegalStateException(entityType + ": no record component named " + unknown);
        }
        this.attributes = List.copyOf(list);
        try {
            this.constructor = b.type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(entityType + ": no canonical constructor", e);
        }
        this.key = Objects.requireNonNull(b.key, entityType + ": a model needs a key");
        this.indexes = Map.copyOf(b.indexes);
        this.audit = new Audit(b.createdAt, b.updatedAt, b.updatedOnCreate, b.versioned);
        this.partialFlag = b.partialFlag;
        this.plugins = List.copyOf(plugins);
        this.builder = b;
    }

    private final Builder<T> builder;

    /** Starts the model of record {@code type}, stored with entity type {@code entityType}. */
    public static <T extends Record> Builder<T> of(Class<T> type, String entityType) {
        return new Builder<>(type, entityType);
    }

    /**
     * The same model with one more plugin, run after the model's own (audit) and before the item-size guard and the
     * audit log. Models are immutable: the entity's {@code MODEL} is unchanged.
     */
    public EntityModel<T> with(Plugin plugin) {
        List<Plugin> custom = new ArrayList<>(builder.custom);
        custom.add(plugin);
        return builder.build(custom);
    }

    public String entityType() {
        return entityType;
    }

    public Class<T> type() {
        return type;
    }

    public Audit audit() {
        return audit;
    }

    public List<Plugin> plugins() {
        return plugins;
    }

    /** The GSIs this entity is written to. */
    public Set<String> indexes() {
        return indexes.keySet();
    }

    /** The stored names of the attributes an entity cannot be without (what an index must project to list it). */
    public Set<String> requiredAttributes() {
        Set<String> names = new java.util.TreeSet<>();
        attributes.stream().filter(Attribute::required).forEach(a -> names.add(a.name()));
        return names;
    }

    public TableKey key(T entity) {
        return key.apply(entity);
    }

    /** A query of this entity in {@code index} (null: the base table), partition {@code partition}. */
    public Query<T> query(String index, String partition) {
        if (index != null && !indexes.containsKey(index)) {
            throw new IllegalArgumentException(entityType + " is not in " + index);
        }
        return Query.of(this, index, partition);
    }

    /** Checks every attribute's rules (BAD_USER_INPUT naming the first field that breaks one). */
    public void validate(T entity) {
        attributes.forEach(attribute -> attribute.validate(entity));
    }

    /** Checks one attribute's value alone (for an update expression that sets only that attribute). */
    public void validate(String component, Object value) {
        attribute(component).validateValue(value);
    }

    /** Refuses a change of a read-only attribute between two states of one entity (a bug, not bad input). */
    public void checkReadOnly(T current, T next) {
        for (Attribute attribute : attributes) {
            if (attribute.readOnly() && !Objects.equals(attribute.get(current), attribute.get(next))) {
                throw new IllegalArgumentException(entityType + "." + attribute.component() + " is read-only");
            }
        }
        if (!key(current).equals(key(next))) {
            throw new IllegalArgumentException(entityType + ": a change cannot move the item to another key");
        }
    }

    /** The full item: primary key, entity type, the present attributes and the index keys of its state. */
    public Map<String, AttributeValue> toItem(T entity) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(key.apply(entity).toAttributeMap());
        item.put(Attributes.ENTITY_TYPE, AttributeValue.fromS(entityType));
        attributes.forEach(attribute -> attribute.write(entity, item));
        indexes.forEach((index, keyOf) -> {
            IndexKey indexKey = keyOf.apply(entity);
            if (indexKey != null) {
                item.put(index + "PK", AttributeValue.fromS(indexKey.pk()));
                item.put(index + "SK", AttributeValue.fromS(indexKey.sk()));
            }
        });
        return item;
    }

    /** Reads a stored item of this type; empty for a missing item or an item of another type. */
    public Optional<T> fromItem(Map<String, AttributeValue> item) {
        return read(item, false);
    }

    /** Reads an item from a GSI (projected attributes only): the partial flag, if the model has one, is set. */
    public T fromIndex(Map<String, AttributeValue> item) {
        return read(item, true).orElseThrow(() -> new IllegalStateException("not a " + entityType + " item"));
    }

    private Optional<T> read(Map<String, AttributeValue> item, boolean partial) {
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        AttributeValue stored = item.get(Attributes.ENTITY_TYPE);
        if (stored == null || !entityType.equals(stored.s())) {
            return Optional.empty();
        }
        Object[] values = new Object[attributes.size()];
        for (int i = 0; i < values.length; i++) {
            Attribute attribute = attributes.get(i);
            values[i] = partial && attribute.component().equals(partialFlag) ? Boolean.TRUE : attribute.read(item);
        }
        try {
            return Optional.of(constructor.newInstance(values));
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException(entityType + ": cannot build the record", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(entityType + ": the stored item is not a valid entity", e.getCause());
        }
    }

    /** The stored form of one attribute's value, for an update expression. */
    public AttributeValue encode(String component, Object value) {
        return attribute(component).encode(value);
    }

    /** The stored name of a component's attribute. */
    public String attributeName(String component) {
        return attribute(component).name();
    }

    private Attribute attribute(String component) {
        for (Attribute attribute : attributes) {
            if (attribute.component().equals(component)) {
                return attribute;
            }
        }
        throw new IllegalArgumentException(entityType + " has no attribute " + component);
    }

    /** The declaration of a model; {@link #build()} checks it against the record once, at class initialisation. */
    public static final class Builder<T extends Record> {
        private final Class<T> type;
        private final String entityType;
        private final Map<String, Attribute.Spec<?>> specs = new HashMap<>();
        private final Map<String, Function<T, IndexKey>> indexes = new LinkedHashMap<>();
        private final List<Plugin> custom = new ArrayList<>();
        private Function<T, TableKey> key;
        private String createdAt;
        private String updatedAt;
        private boolean updatedOnCreate;
        private boolean versioned;
        private String partialFlag;

        private Builder(Class<T> type, String entityType) {
            this.type = type;
            this.entityType = entityType;
        }

        /** Declares what the type of component {@code name} (of class {@code valueType}) does not say. */
        @SuppressWarnings("unchecked")
        public <V> Builder<T> attribute(String name, Class<V> valueType, UnaryOperator<Attribute.Spec<V>> spec) {
            Attribute.Spec<V> current = (Attribute.Spec<V>) specs.computeIfAbsent(name, n -> new Attribute.Spec<>());
            spec.apply(current);
            return this;
        }

        public Builder<T> required(String... names) {
            for (String name : names) {
                attribute(name, Object.class, Attribute.Spec::required);
            }
            return this;
        }

        public Builder<T> readOnly(String... names) {
            for (String name : names) {
                attribute(name, Object.class, Attribute.Spec::readOnly);
            }
            return this;
        }

        /**
         * The audit timestamps: {@code createdAt} set on create (kept if the entity carries it), {@code updatedAt} set
         * on create and on every change. Either may be null.
         */
        public Builder<T> timestamps(String createdAt, String updatedAt) {
            this.createdAt = createdAt;
            this.updatedAt = updatedAt;
            this.updatedOnCreate = true;
            if (createdAt != null) {
                readOnly(createdAt);
            }
            return this;
        }

        /** Like {@link #timestamps}, but {@code editedAt} is set only by a change, never on create. */
        public Builder<T> editTimestamps(String createdAt, String editedAt) {
            timestamps(createdAt, editedAt);
            this.updatedOnCreate = false;
            return this;
        }

        /** The item carries {@code version}: 1 on create, plus one on every change (optimistic locking). */
        public Builder<T> versioned() {
            this.versioned = true;
            return this;
        }

        /** A boolean component, not stored, that is true when the entity was read from an index (a partial item). */
        public Builder<T> partialFlag(String name) {
            this.partialFlag = name;
            attribute(name, Boolean.class, Attribute.Spec::notStored);
            return this;
        }

        public Builder<T> key(Function<T, TableKey> key) {
            this.key = key;
            return this;
        }

        /** The entity is in GSI {@code index} under the key {@code keyOf} derives from its state (null: not in it). */
        public Builder<T> index(String index, Function<T, IndexKey> keyOf) {
            indexes.put(index, keyOf);
            return this;
        }

        public Builder<T> plugin(Plugin plugin) {
            custom.add(plugin);
            return this;
        }

        public EntityModel<T> build() {
            return build(custom);
        }

        private EntityModel<T> build(List<Plugin> customPlugins) {
            List<Plugin> all = new ArrayList<>();
            all.add(Plugins.AUDIT);
            all.addAll(customPlugins);
            all.add(Plugins.ITEM_SIZE);
            all.add(Plugins.AUDIT_LOG);
            Builder<T> copy = new Builder<>(type, entityType);
            copy.specs.putAll(specs);
            copy.indexes.putAll(indexes);
            copy.custom.addAll(customPlugins);
            copy.key = key;
            copy.createdAt = createdAt;
            copy.updatedAt = updatedAt;
            copy.updatedOnCreate = updatedOnCreate;
            copy.versioned = versioned;
            copy.partialFlag = partialFlag;
            return new EntityModel<>(copy, all);
        }
    }
}
