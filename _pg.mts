import { startEmbeddedPostgres } from "/work/main/lib/db/embedded-postgres";
const s = await startEmbeddedPostgres({ clusterDir: "/tmp/cli-data/postgres" });
console.log(s.url("emlab"));
setInterval(() => {}, 1 << 30);
