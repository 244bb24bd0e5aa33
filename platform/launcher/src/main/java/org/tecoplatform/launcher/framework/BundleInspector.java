package org.tecoplatform.launcher.framework;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;
import org.tecoplatform.api.PluginKind;
import org.tecoplatform.launcher.framework.BundleReport.PluginReport;

/**
 * Builds the {@code teco bundles} view: each plugin bundle's state and, per plugin, whether it
 * is usable. Plugins are activated to find out (activation must be cheap: heavy libraries are
 * touched lazily); SCR's runtime DTOs give the cause when a component failed or is unsatisfied.
 */
final class BundleInspector {

    private final BundleContext context;
    private final OsgiPluginCatalog catalog;

    BundleInspector(BundleContext context, OsgiPluginCatalog catalog) {
        this.context = context;
        this.catalog = catalog;
    }

    List<BundleReport> report(List<String> locations, Map<String, String> failures) {
        ServiceComponentRuntime scr = scr().orElse(null);
        List<BundleReport> out = new ArrayList<>();
        for (String location : locations) {
            Bundle b = context.getBundle(location);
            if (b == null) {
                out.add(new BundleReport(fileName(location), "", location, "failed", failures.getOrDefault(location, ""),
                        List.of()));
                continue;
            }
            Map<String, PluginReport> plugins = new LinkedHashMap<>();
            ServiceReference<?>[] registered = b.getRegisteredServices();
            for (ServiceReference<?> ref : registered == null ? new ServiceReference<?>[0] : registered) {
                Optional<PluginKind> kind = kindOf((String[]) ref.getProperty(Constants.OBJECTCLASS));
                if (kind.isPresent() && ref.getProperty(PluginKind.NAME_PROPERTY) != null) {
                    String name = OsgiPluginCatalog.name(ref);
                    boolean usable = catalog.service(ref) != null;
                    plugins.put(kind.get().label() + "/" + name,
                            new PluginReport(kind.get().label(), name, usable ? "active" : "failed", ""));
                }
            }
            if (scr != null) {
                addComponentStates(scr, b, plugins);
            }
            String cause = failures.getOrDefault(location, "");
            String state = cause.isEmpty() ? stateName(b.getState()) : "failed";
            out.add(new BundleReport(b.getSymbolicName(), b.getVersion().toString(), location, state, cause,
                    new ArrayList<>(plugins.values())));
        }
        return out;
    }

    /** Components that are not registered (unsatisfied) or failed: their cause from SCR. */
    private static void addComponentStates(ServiceComponentRuntime scr, Bundle b, Map<String, PluginReport> plugins) {
        for (ComponentDescriptionDTO desc : scr.getComponentDescriptionDTOs(b)) {
            Object name = desc.properties == null ? null : desc.properties.get(PluginKind.NAME_PROPERTY);
            Optional<PluginKind> kind = kindOf(desc.serviceInterfaces);
            if (name == null || kind.isEmpty()) {
                continue;
            }
            String key = kind.get().label() + "/" + name;
            for (ComponentConfigurationDTO conf : scr.getComponentConfigurationDTOs(desc)) {
                if (conf.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    plugins.put(key, new PluginReport(kind.get().label(), name.toString(), "failed", summary(conf.failure)));
                } else if (conf.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE
                        || conf.state == ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION) {
                    List<String> missing = new ArrayList<>();
                    for (UnsatisfiedReferenceDTO u : conf.unsatisfiedReferences == null
                            ? new UnsatisfiedReferenceDTO[0] : conf.unsatisfiedReferences) {
                        missing.add(u.name + " (" + u.target + ")");
                    }
                    plugins.put(key, new PluginReport(kind.get().label(), name.toString(), "unsatisfied",
                            missing.isEmpty() ? "missing configuration" : "missing services: " + String.join(", ", missing)));
                }
            }
            if (!scr.isComponentEnabled(desc)) {
                plugins.put(key, new PluginReport(kind.get().label(), name.toString(), "disabled", "component disabled"));
            }
        }
    }

    /** First line of a stack trace plus its root "Caused by:" line. */
    static String summary(String failure) {
        if (failure == null || failure.isBlank()) {
            return "activation failed";
        }
        String[] lines = failure.split("\\R");
        String first = lines[0].trim();
        String root = Arrays.stream(lines).filter(l -> l.startsWith("Caused by:")).reduce((a, c) -> c).orElse("");
        return root.isEmpty() ? first : first + " / " + root.trim();
    }

    private Optional<ServiceComponentRuntime> scr() {
        ServiceReference<ServiceComponentRuntime> ref = context.getServiceReference(ServiceComponentRuntime.class);
        return ref == null ? Optional.empty() : Optional.ofNullable(context.getService(ref));
    }

    private static Optional<PluginKind> kindOf(String[] interfaces) {
        if (interfaces == null) {
            return Optional.empty();
        }
        for (String i : interfaces) {
            // Priors are registered as the kit's PriorFactory (see OsgiPluginCatalog.serviceType).
            Optional<PluginKind> k = i.equals(org.tecoplatform.nn.prior.PriorFactory.class.getName())
                    ? Optional.of(PluginKind.PRIOR) : PluginKind.ofSpi(i);
            if (k.isPresent()) {
                return k;
            }
        }
        return Optional.empty();
    }

    private static String stateName(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "active";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.STARTING -> "starting";
            case Bundle.INSTALLED -> "installed";
            default -> "state " + state;
        };
    }

    private static String fileName(String location) {
        try {
            return Path.of(URI.create(location.substring("reference:".length()))).getFileName().toString();
        } catch (RuntimeException e) {
            return location;
        }
    }
}
