/** The provider's rules at proposal time: decline (420) or price the proposal. */
import type { ProductDefinition } from "./products";

export interface Holder {
  type: "person" | "company";
  birthDate?: string | null;
  name: string;
}

export type Decision =
  | { kind: "decline"; note: string }
  | { kind: "accept"; premium: { amount: number; currency: "EUR"; interval: "monthly" }; riskClass: "A" | "B" | "C" };

export function ageAt(birthDate: string, onDate: string): number {
  const birth = new Date(`${birthDate}T00:00:00Z`);
  const on = new Date(`${onDate}T00:00:00Z`);
  let age = on.getUTCFullYear() - birth.getUTCFullYear();
  const beforeBirthday = on.getUTCMonth() < birth.getUTCMonth() || (on.getUTCMonth() === birth.getUTCMonth() && on.getUTCDate() < birth.getUTCDate());
  if (beforeBirthday) age -= 1;
  return age;
}

const num = (value: unknown, fallback = 0) => (typeof value === "number" ? value : fallback);
const cents = (value: number) => Math.round(value * 100) / 100;

export function underwrite(product: ProductDefinition, holder: Holder, data: Record<string, unknown>): Decision {
  const start = typeof data.startDate === "string" ? data.startDate : new Date().toISOString().slice(0, 10);
  const age = holder.birthDate ? ageAt(holder.birthDate, start) : 40;

  if (product.line === "life" && age > 75) {
    return { kind: "decline", note: `Declined: life cover is not offered to holders over 75 (the holder is ${age} on ${start}).` };
  }
  if (product.line === "health" && num(data.missingTeeth) > 4) {
    return { kind: "decline", note: `Declined: more than four missing teeth (${num(data.missingTeeth)}).` };
  }

  let monthly: number;
  switch (product.line) {
    case "household":
      monthly = (num(data.sumInsured) * 0.0011 + num(data.livingArea) * 0.04) / 12 + (data.bicycleCover === true ? 2.9 : 0);
      break;
    case "liability":
      monthly = ({ "3000000": 4.2, "5000000": 5.1, "10000000": 6.4 }[String(data.coverage)] ?? 5) * (data.family === true ? 1.45 : 1) + (data.hasDog === true ? 3.5 : 0);
      break;
    case "motor":
      monthly =
        (18 + num(data.annualMileage) * 0.0009 + num(data.vehicleValue) * ({ liability: 0, partial: 0.0008, comprehensive: 0.0021 }[String(data.coverType)] ?? 0)) *
        (age < 25 ? 1.6 : 1);
      break;
    case "life":
      monthly = (num(data.coverAmount) / 1000) * (0.08 + Math.max(0, age - 30) * 0.012) * (data.smoker === true ? 1.9 : 1);
      break;
    case "health":
      monthly = ({ basic: 9.9, comfort: 19.9, premium: 34.9 }[String(data.tariff)] ?? 15) + num(data.missingTeeth) * 2.5 + Math.max(0, age - 40) * 0.2;
      break;
    case "legal":
      monthly = ({ private: 14.5, "private-work": 21.9, "private-work-traffic": 27.4 }[String(data.modules)] ?? 20) - num(Number(data.deductible)) * 0.01;
      break;
  }
  const riskClass = age > 60 || data.smoker === true ? "C" : age > 40 ? "B" : "A";
  return { kind: "accept", premium: { amount: cents(Math.max(monthly, 1)), currency: "EUR", interval: "monthly" }, riskClass };
}
