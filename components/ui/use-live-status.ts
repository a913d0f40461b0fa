"use client";
import { useEffect, useState } from "react";

/**
 * A queued or running job's status, polled from `resource` (e.g. /api/v1/batches/7) every 1.5 s
 * until it is finished, and `control` to POST `${resource}/cancel` or `/resume` and refresh.
 */
export function useLiveStatus<T extends { status: string }>(resource: string, initial: T) {
  const [status, setStatus] = useState(initial);
  const [message, setMessage] = useState<string | null>(null);
  const live = status.status === "queued" || status.status === "running";

  useEffect(() => {
    if (!live) return;
    const timer = setInterval(async () => {
      const response = await fetch(resource, { cache: "no-store" });
      if (response.ok) setStatus(await response.json());
    }, 1500);
    return () => clearInterval(timer);
  }, [live, resource]);

  async function control(action: "cancel" | "resume") {
    const response = await fetch(`${resource}/${action}`, { method: "POST" });
    const body = await response.json();
    setMessage(response.ok ? null : body.error);
    const fresh = await fetch(resource, { cache: "no-store" });
    if (fresh.ok) setStatus(await fresh.json());
  }

  return { status, live, message, control };
}
