package dk.partnerships.security;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code java -jar <app>.jar --hash-password}: reads a password (hidden on a terminal, else one line of standard
 * input) and prints its hash for {@code partnerships.security.accounts.<name>.password}, then exits without
 * starting the application.
 */
public final class PasswordHashCommand {

    private PasswordHashCommand() {
    }

    /** Whether the command line asks for a hash instead of starting the application. */
    public static boolean requested(String[] args) {
        return Arrays.asList(args).contains("--hash-password");
    }

    public static void run() throws IOException {
        Console console = System.console();
        String password;
        if (console != null) {
            char[] typed = console.readPassword("Password: ");
            password = typed == null ? null : new String(typed);
        } else {
            password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        if (password == null || password.isEmpty()) {
            System.err.println("No password given.");
            System.exit(2);
        }
        System.out.println(PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(password));
    }
}
