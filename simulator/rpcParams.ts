/** Reading typed values out of RPC parameters, with the errors real services answer with. */
import { invalidParameter, missingParameter, SimError } from "./errors";
import { isKnownRegion } from "./regions";
import type { RequestParams } from "./signature";

export function requiredParam(params: RequestParams, name: string): string {
    const value = params[name];
    if (value === undefined || value === "") throw missingParameter(name);
    return value;
}

export function optionalParam(params: RequestParams, name: string): string | undefined {
    const value = params[name];
    return value === undefined || value === "" ? undefined : value;
}

/** A required RegionId that must be a real region id. */
export function requiredRegion(params: RequestParams, name = "RegionId"): string {
    const region = requiredParam(params, name);
    if (!isKnownRegion(region)) throw new SimError(400, "InvalidRegionId.NotFound", "The specified RegionId does not exist.");
    return region;
}

export function optionalInteger(params: RequestParams, name: string, min: number, max: number, fallback: number): number {
    const raw = optionalParam(params, name);
    if (raw === undefined) return fallback;
    const value = /^-?\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
        throw invalidParameter(name, `It must be an integer from ${min} to ${max}.`);
    }
    return value;
}

/** An ISO-8601 UTC time such as 2020-11-23T15:10:00Z (seconds optional); ms since the epoch. */
export function optionalUtcTime(params: RequestParams, name: string): number | undefined {
    const raw = optionalParam(params, name);
    if (raw === undefined) return undefined;
    const time = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z$/.test(raw) ? Date.parse(raw) : NaN;
    if (Number.isNaN(time)) throw invalidParameter(name, "It must be a UTC time in the yyyy-MM-ddTHH:mm:ssZ format.");
    return time;
}

/** A comma-separated list, e.g. TaskIds=t-1,t-2; empty entries dropped. */
export function commaList(params: RequestParams, name: string, maxItems: number): string[] | undefined {
    const raw = optionalParam(params, name);
    if (raw === undefined) return undefined;
    const items = raw
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");
    if (items.length > maxItems) throw invalidParameter(name, `At most ${maxItems} values may be given.`);
    return items;
}

/** A repeated list sent as Name.1, Name.2, ... (how pop-core flattens arrays). N is 1..maxIndex. */
export function repeatList(params: RequestParams, name: string, maxIndex: number): string[] | undefined {
    const prefix = `${name}.`;
    const entries: Array<[number, string]> = [];
    for (const key of Object.keys(params)) {
        if (!key.startsWith(prefix)) continue;
        const suffix = key.slice(prefix.length);
        const index = /^\d+$/.test(suffix) ? Number(suffix) : NaN;
        if (!(index >= 1 && index <= maxIndex)) throw invalidParameter(key, `N must be from 1 to ${maxIndex}.`);
        if (params[key] !== "") entries.push([index, params[key]]);
    }
    if (entries.length === 0) return undefined;
    return entries.sort((a, b) => a[0] - b[0]).map(([, value]) => value);
}
