using Credit.Functions.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<SecurityHeaders>();
builder.UseMiddleware<ApiErrorMiddleware>();
builder.UseMiddleware<AccessByDeclaration>();
builder.Services.AddCreditSystem(builder.Configuration);
builder.Services.AddCreditTelemetry(builder.Configuration);
builder.Build().Run();
