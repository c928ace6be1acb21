namespace Keyfolio.Exchanges.Diagnostics;

/// <summary>The explanation and fix of each category, before any exchange-specific fix replaces the generic one.</summary>
internal static class DiagnosisTexts
{
    public static LocalizedText Explanation(DiagnosisCategory category) => category switch
    {
        DiagnosisCategory.BadFormat => Texts.Of("ACredentialDoesNotHave"),
        DiagnosisCategory.ExchangeClosed => Texts.Of("ThisExchangeHasClosedIts"),
        DiagnosisCategory.InvalidKey => Texts.Of("TheExchangeDoesNotRecognise"),
        DiagnosisCategory.WrongPassphrase => Texts.Of("TheAPIKeyExistsBut"),
        DiagnosisCategory.BadSignature => Texts.Of("TheExchangeRejectedTheRequest"),
        DiagnosisCategory.NonceUsedElsewhere => Texts.Of("AnotherProgramHasUsedThis"),
        DiagnosisCategory.IpNotAllowed => Texts.Of("TheKeyIsRestrictedTo"),
        DiagnosisCategory.RegionBlocked => Texts.Of("TheExchangeRefusesRequestsFrom"),
        DiagnosisCategory.WrongEnvironment => Texts.Of("TheKeyBelongsToAnother"),
        DiagnosisCategory.ClockSkew => Texts.Of("TheRequestsTimestampFellOutside"),
        DiagnosisCategory.KeyExpired => Texts.Of("TheExchangeReportsThatThis"),
        DiagnosisCategory.MissingPermission => Texts.Of("TheKeyWorksButLacks"),
        DiagnosisCategory.RateLimited => Texts.Of("TheExchangesRequestBudgetIs"),
        DiagnosisCategory.ExchangeUnavailable => Texts.Of("TheExchangeDidNotAnswer"),
        DiagnosisCategory.AuthorizationDenied => Texts.Of("TheAuthorizationWasDeclinedOn"),
        DiagnosisCategory.AuthorizationInvalid => Texts.Of("TheAuthorizationCannotBeUsed"),
        DiagnosisCategory.OAuthClientRejected => Texts.Of("TheExchangeRefusesKeyfoliosOAuth"),
        DiagnosisCategory.KeyLimitReached => Texts.Of("TheExchangeAllowsNoFurther"),
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    public static LocalizedText Fix(DiagnosisCategory category) => category switch
    {
        DiagnosisCategory.BadFormat => Texts.Of("CopyTheValueAgainFrom"),
        DiagnosisCategory.ExchangeClosed => Texts.Of("NothingCanBeReadFrom"),
        DiagnosisCategory.InvalidKey => Texts.Of("CheckThatTheKeyWas"),
        DiagnosisCategory.WrongPassphrase => Texts.Of("EnterThePassphraseYouSet"),
        DiagnosisCategory.BadSignature => Texts.Of("CopyTheSecretAgainIt"),
        DiagnosisCategory.NonceUsedElsewhere => Texts.Of("CreateANewAPIKey"),
        DiagnosisCategory.IpNotAllowed => Texts.Of("AddThisHostsPublicIP"),
        DiagnosisCategory.RegionBlocked => Texts.Of("UseTheExchangesSiteFor"),
        DiagnosisCategory.WrongEnvironment => Texts.Of("ChooseTheRegionAndEnvironment"),
        DiagnosisCategory.ClockSkew => Texts.Of("SynchroniseThisComputersClockEnable"),
        DiagnosisCategory.KeyExpired => Texts.Of("CreateANewReadOnly"),
        DiagnosisCategory.MissingPermission => Texts.Of("EditTheKeyOnThe"),
        DiagnosisCategory.RateLimited => Texts.Of("KeyfolioPausesThisConnectionAnd"),
        DiagnosisCategory.ExchangeUnavailable => Texts.Of("ThisIsUsuallyTemporaryKeyfolio"),
        DiagnosisCategory.AuthorizationDenied => Texts.Of("StartAgainAndApproveOn"),
        DiagnosisCategory.AuthorizationInvalid => Texts.Of("StartTheConnectionAgainFrom"),
        DiagnosisCategory.OAuthClientRejected => Texts.Of("CheckTheOAuthClientId"),
        DiagnosisCategory.KeyLimitReached => Texts.Of("DeleteTheExistingKeyOf"),
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };
}
