using System.Net;
using System.Text.Json;

namespace Archive.Integration.Tests;

/// <summary>§5–§6: problem+json errors, and admin routes refuse calls without the key.</summary>
public sealed class ErrorTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private TestArchive archive = null!;

    public async Task InitializeAsync() => archive = await azurite.ContentArchive();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        return problem;
    }

    [Theory]
    [InlineData("posts?limit=0", "limit")]
    [InlineData("posts?limit=101", "limit")]
    [InlineData("posts?limit=ten", "limit")]
    [InlineData("posts?sort=random", "sort")]
    [InlineData("posts?from=yesterday", "from")]
    [InlineData("posts?to=2024-13-01", "to")]
    [InlineData("posts?from=2024-02-01&to=2024-01-01", "after")]
    [InlineData("posts?year=twenty", "year")]
    [InlineData("posts?theme=Not%20A%20Slug", "theme")]
    [InlineData("posts?cursor=not-a-cursor", "cursor")]
    [InlineData("posts?limit=1&limit=2", "limit")]
    [InlineData("posts/thread_0311?format=pdf", "format")]
    [InlineData("themes/decolonization?sort=random", "sort")]
    [InlineData("reading-time?theme=", "theme")]
    public async Task Invalid_query_values_are_400_problems(string path, string named)
    {
        using var response = await archive.Http.GetAsync(path);
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("posts?year=9999")]
    [InlineData("posts?year=1")]
    [InlineData("themes/decolonization?year=9999")]
    [InlineData("search?q=pact&year=9999")]
    public async Task Every_year_from_1_to_9999_is_a_year_on_every_route_that_takes_one(string path)
    {
        using var response = await archive.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("posts?year=0")]
    [InlineData("posts?year=10000")]
    [InlineData("themes/decolonization?year=10000")]
    [InlineData("search?q=pact&year=0")]
    public async Task A_year_outside_1_to_9999_is_a_400_that_names_it(string path)
    {
        using var response = await archive.Http.GetAsync(path);
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("year", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("posts?colour=red", "'colour'")]
    [InlineData("posts/thread_0311?q=steel", "'q'")]
    [InlineData("themes?junk=1", "'junk'")]
    [InlineData("health?cachebust=7", "'cachebust'")]
    public async Task Unknown_query_parameters_are_400_problems_that_name_them(string path, string named)
    {
        using var response = await archive.Http.GetAsync(path);
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("themes?code=anything")]
    [InlineData("posts?to=9999-12-31")]
    [InlineData("themes/decolonization?to=9999-12-31")]
    public async Task The_function_key_and_the_last_date_there_is_are_accepted(string path)
    {
        using var response = await archive.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_url_over_8_KB_is_a_414_problem()
    {
        using var response = await archive.Http.GetAsync("posts?theme=" + new string('a', 9_000));
        await ProblemAsync(response, HttpStatusCode.RequestUriTooLong);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Cursor_of_another_query_is_refused()
    {
        var page = await archive.GetJsonAsync("posts?limit=2&sort=oldest");
        var cursor = page.GetProperty("nextCursor").GetString();
        using var ok = await archive.Http.GetAsync($"posts?limit=2&sort=oldest&cursor={cursor}");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using var other = await archive.Http.GetAsync($"posts?limit=2&sort=newest&cursor={cursor}");
        await ProblemAsync(other, HttpStatusCode.BadRequest);
        var tampered = cursor![..^2] + (cursor[^2] == 'A' ? "B" : "A") + cursor[^1];
        using var forged = await archive.Http.GetAsync($"posts?limit=2&sort=oldest&cursor={tampered}");
        await ProblemAsync(forged, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("posts/no_such_post")]
    [InlineData("posts/not%20an%20id")]
    [InlineData("themes/no-such-theme")]
    [InlineData("reading-time?theme=no-such-theme")]
    public async Task Unknown_post_or_theme_is_a_404_problem(string path)
    {
        using var response = await archive.Http.GetAsync(path);
        await ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("GET", "admin/rejections")]
    [InlineData("POST", "admin/reindex")]
    public async Task Admin_routes_refuse_calls_without_the_key(string method, string path)
    {
        using var none = await archive.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        await ProblemAsync(none, HttpStatusCode.Unauthorized);

        var wrong = new HttpRequestMessage(new HttpMethod(method), path);
        wrong.Headers.Add("x-functions-key", "wrong");
        using var wrongResponse = await archive.Http.SendAsync(wrong);
        await ProblemAsync(wrongResponse, HttpStatusCode.Forbidden);

        var right = new HttpRequestMessage(new HttpMethod(method), path);
        right.Headers.Add("x-functions-key", TestArchive.AdminKey);
        using var rightResponse = await archive.Http.SendAsync(right);
        Assert.Equal(HttpStatusCode.OK, rightResponse.StatusCode);

        using var byQuery = await archive.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"{path}?code={TestArchive.AdminKey}"));
        Assert.Equal(HttpStatusCode.OK, byQuery.StatusCode);
    }
}
