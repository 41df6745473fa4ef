// SPDX-License-Identifier: Apache-2.0
/** The user's language: resource bundles (English, 简体中文) and errors a user can act on. */
package org.mossdesktop.i18n;
