namespace Archive.Api.Routing;

/// <summary>The route table's names, which are the Functions app's function names: one constant each, used by both.</summary>
public static class FunctionNames
{
    public const string ListPosts = nameof(ListPosts);
    public const string GetPost = nameof(GetPost);
    public const string ListThemes = nameof(ListThemes);
    public const string Search = nameof(Search);
    public const string GetRelated = nameof(GetRelated);
    public const string ListTags = nameof(ListTags);
    public const string GetTheme = nameof(GetTheme);
    public const string GetReadingTime = nameof(GetReadingTime);
    public const string GetHealth = nameof(GetHealth);
    public const string GetOpenApi = nameof(GetOpenApi);
    public const string ListChanges = nameof(ListChanges);
    public const string GetJsonFeed = nameof(GetJsonFeed);
    public const string GetAtomFeed = nameof(GetAtomFeed);
    public const string ListRejections = nameof(ListRejections);
    public const string GetBlobState = nameof(GetBlobState);
    public const string GetThemeSuggestions = nameof(GetThemeSuggestions);
    public const string Reindex = nameof(Reindex);
    public const string GetMedia = nameof(GetMedia);
}
