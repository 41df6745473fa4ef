// SPDX-License-Identifier: Apache-2.0
/** Conversations and messages, and the service that turns a user's message into MOSS's reply. */
package org.mossdesktop.chat;
