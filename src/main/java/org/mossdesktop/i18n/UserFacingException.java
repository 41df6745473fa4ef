// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.i18n;

import java.util.Locale;

/**
 * An error a user can act on. It carries a message key and arguments, so the message is shown in the
 * user's language; {@link #getMessage()} is English, for logs.
 */
public class UserFacingException extends RuntimeException {

    private final String key;
    private final transient Object[] args;

    public UserFacingException(String key, Object... args) {
        this(null, key, args);
    }

    public UserFacingException(Throwable cause, String key, Object... args) {
        super(Messages.get(Messages.ENGLISH, key, args), cause);
        this.key = key;
        this.args = args.clone();
    }

    public String key() {
        return key;
    }

    /** The message in the current language. */
    @Override
    public String getLocalizedMessage() {
        return localizedMessage(Messages.locale());
    }

    public String localizedMessage(Locale locale) {
        return Messages.get(locale, key, args);
    }
}
