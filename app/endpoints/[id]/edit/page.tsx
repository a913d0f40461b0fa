import { notFound } from "next/navigation";
import { RoleRequired } from "@/components/auth/role-required";
import { EndpointDeleteButton } from "@/components/forms/endpoint-buttons";
import { EndpointForm } from "@/components/forms/endpoint-form";
import { lacksRole } from "@/lib/auth/authorize-action";
import { idParamsSchema } from "@/lib/search-params";
import { getEndpoint } from "@/lib/server/endpoints/endpoint-admin";

export default async function EditEndpointPage({ params }: { params: Promise<{ id: string }> }) {
  if (await lacksRole("admin")) return <RoleRequired title="Edit endpoint" role="admin" />;
  const parsed = idParamsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const e = await getEndpoint(parsed.data.id);
  if (!e) notFound();
  return (
    <>
      <h1>Edit endpoint {e.name}</h1>
      <EndpointForm
        initial={{
          id: String(e.id),
          name: e.name,
          baseUrl: e.baseUrl,
          model: e.model,
          apiKeyEnv: e.apiKeyEnv ?? "",
          maxConcurrent: String(e.maxConcurrent),
          requestsPerMinute: e.requestsPerMinute === null ? "" : String(e.requestsPerMinute),
          timeoutSeconds: String(e.timeoutSeconds),
          inputUsdPerMTok: e.inputUsdPerMTok === null ? "" : String(e.inputUsdPerMTok),
          outputUsdPerMTok: e.outputUsdPerMTok === null ? "" : String(e.outputUsdPerMTok),
          batchApi: e.batchApi ? "on" : "",
          batchDiscount: String(e.batchDiscount),
        }}
      />
      <EndpointDeleteButton id={e.id} name={e.name} />
    </>
  );
}
