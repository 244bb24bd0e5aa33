package com.example.broken;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** A bundle whose activation throws: the platform must report it and keep going. */
public final class ThrowingActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        throw new IllegalStateException("activator boom");
    }

    @Override
    public void stop(BundleContext context) {
    }
}
