package com.tenantgraph.cognito;

import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AliasExistsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

/** The single place where Cognito SDK exceptions become {@link CognitoException}s. */
public final class CognitoErrors {
    private CognitoErrors() {
    }

    /** Runs a Cognito call and translates its failure. */
    public static <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw translate(operation, e);
        }
    }

    public static CognitoException translate(String operation, SdkException e) {
        if (e instanceof UsernameExistsException || e instanceof AliasExistsException) {
            return new CognitoException.UsernameTakenException(operation + ": username taken", e);
        }
        if (e instanceof UserNotFoundException) {
            return new CognitoException.UserNotFoundException(operation + ": user not found", e);
        }
        if (e instanceof TooManyRequestsException || e instanceof SdkClientException
                || e instanceof CognitoIdentityProviderException c && (c.statusCode() >= 500 || c.isThrottlingException())) {
            return new CognitoException.CognitoUnavailableException(operation + ": Cognito unavailable", e);
        }
        return new CognitoException(operation + ": " + e.getClass().getSimpleName(), e);
    }
}
