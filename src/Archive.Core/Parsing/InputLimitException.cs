namespace Archive.Core.Parsing;

/// <summary>Input that goes past one of Archive's limits; the message is the rejection reason.</summary>
internal sealed class InputLimitException(string reason) : Exception(reason);
