// SPDX-License-Identifier: Apache-2.0
/** The SQLite conversation store, settings, and the app's directories. */
package org.mossdesktop.store;
