package org.tecoplatform.launcher.framework;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tecoplatform.api.Plugin;
import org.tecoplatform.api.PluginKind;
import org.tecoplatform.api.Prior;
import org.tecoplatform.nn.prior.PriorFactory;
import org.tecoplatform.pipeline.plugins.PluginCatalog;
import org.tecoplatform.pipeline.plugins.PluginInfo;

/**
 * The plugins in the OSGi service registry, looked up by SPI and {@code teco.name} (an LDAP
 * filter), never by class. A plugin whose component fails to activate is left out (and
 * reported by {@link TecoRuntime#bundles()}); the rest keep working.
 */
final class OsgiPluginCatalog implements PluginCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(OsgiPluginCatalog.class);

    private final BundleContext context;
    /** Services got so far; DS activates a delayed component on its first get. */
    private final Map<ServiceReference<?>, Object> services = new LinkedHashMap<>();

    OsgiPluginCatalog(BundleContext context) {
        this.context = context;
    }

    @Override
    public synchronized List<PluginInfo> plugins() {
        List<PluginInfo> out = new ArrayList<>();
        for (PluginKind kind : PluginKind.values()) {
            for (ServiceReference<?> ref : references(kind.spi(), null)) {
                Object service = service(ref);
                if (service instanceof Plugin p) {
                    out.add(new PluginInfo(kind, name(ref), ref.getBundle().getSymbolicName(),
                            ref.getBundle().getVersion().toString(), p.description(), p.options()));
                }
            }
        }
        return out;
    }

    @Override
    public synchronized <T> Optional<T> find(Class<T> spi, String name) {
        for (ServiceReference<?> ref : references(spi, name)) {
            Object service = service(ref);
            if (spi.isInstance(service)) {
                return Optional.of(spi.cast(service));
            }
        }
        return Optional.empty();
    }

    /** The service behind a reference, activating its component; null when activation failed. */
    synchronized Object service(ServiceReference<?> ref) {
        if (services.containsKey(ref)) {
            return services.get(ref);
        }
        Object service = null;
        try {
            service = context.getService(ref);
        } catch (RuntimeException e) {
            LOG.warn("Plugin {} from bundle {} failed to activate: {}", name(ref), ref.getBundle().getSymbolicName(), e.toString());
        }
        if (service == null) {
            LOG.warn("Plugin {} from bundle {} is not usable (its component failed to activate)", name(ref),
                    ref.getBundle().getSymbolicName());
        }
        services.put(ref, service);
        return service;
    }

    /**
     * The service type plugins of an SPI are registered under: priors as the kit's
     * {@link PriorFactory} (their contract is written in the kit's tensor types, which the SPI's
     * {@link Prior} cannot name), every other kind as its SPI interface.
     */
    static String serviceType(Class<?> spi) {
        return Prior.class.isAssignableFrom(spi) ? PriorFactory.class.getName() : spi.getName();
    }

    /** References of an SPI, all names or one, best ranked first. */
    List<ServiceReference<?>> references(Class<?> spi, String name) {
        String filter = "(" + PluginKind.NAME_PROPERTY + "=" + (name == null ? "*" : escape(name)) + ")";
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(serviceType(spi), filter);
            if (refs == null) {
                return List.of();
            }
            List<ServiceReference<?>> list = new ArrayList<>(List.of(refs));
            list.sort(Comparator.<ServiceReference<?>>naturalOrder().reversed());
            return list;
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("bad plugin name '" + name + "'", e);
        }
    }

    static String name(ServiceReference<?> ref) {
        return String.valueOf(ref.getProperty(PluginKind.NAME_PROPERTY));
    }

    /** LDAP filter escaping (RFC 4515) of a plugin name. */
    static String escape(String value) {
        StringBuilder b = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '*' || c == '(' || c == ')') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }
}
