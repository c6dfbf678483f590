/**
 * The picocli commands: options, validation messages, exit codes, and one call into {@code bench} (or a lower
 * package) per command. No loop over trials or tasks lives here; nothing else imports this package.
 */
package org.tstar.cli;
