/**
 * The sandbox's product catalogue: six products across the lines a broker sells, each with the
 * fields a contract needs, described so a portal can build its form from the product record.
 * Ids are fixed so they stay the same across restarts and databases.
 */
import type { ProductField } from "../../lib/finum";

export interface ProductDefinition {
  id: string;
  name: string;
  line: "household" | "liability" | "motor" | "life" | "health" | "legal";
  description: string;
  /** Only a person can hold it (age-based underwriting). */
  personOnly: boolean;
  fields: ProductField[];
  /** Provider extension fields on the product record. */
  extensions: Record<string, unknown>;
}

const startDate: ProductField = { name: "startDate", label: "Start date", type: "date", required: true, description: "First day of cover" };

export const PRODUCTS: readonly ProductDefinition[] = [
  {
    id: "pr_hh4contentsplus01",
    name: "Home Contents Plus",
    line: "household",
    description: "Household contents against fire, water, storm and burglary, at new-for-old value.",
    personOnly: false,
    fields: [
      { name: "livingArea", label: "Living area (m²)", type: "number", required: true, min: 10, max: 1000 },
      { name: "sumInsured", label: "Sum insured (EUR)", type: "number", required: true, min: 5000, max: 1_000_000 },
      { name: "postalCode", label: "Postal code of the home", type: "string", required: true },
      { name: "buildingType", label: "Building type", type: "enum", options: ["apartment", "house"], required: true },
      { name: "bicycleCover", label: "Include bicycle theft", type: "boolean", required: false },
      startDate,
    ],
    extensions: { _tariffGeneration: "2025-01" },
  },
  {
    id: "pr_li7privateliab02",
    name: "Private Liability",
    line: "liability",
    description: "Personal liability for damage to others, worldwide.",
    personOnly: false,
    fields: [
      { name: "coverage", label: "Coverage (EUR)", type: "enum", options: ["3000000", "5000000", "10000000"], required: true },
      { name: "family", label: "Cover the whole family", type: "boolean", required: true },
      { name: "hasDog", label: "Dog owner", type: "boolean", required: false },
      startDate,
    ],
    extensions: { _tariffGeneration: "2024-07" },
  },
  {
    id: "pr_mo3carcomfort003",
    name: "Car Comfort",
    line: "motor",
    description: "Motor liability with optional partial or comprehensive cover.",
    personOnly: false,
    fields: [
      { name: "licensePlate", label: "Licence plate", type: "string", required: true },
      { name: "vehicleMake", label: "Make and model", type: "string", required: true },
      { name: "vehicleValue", label: "Vehicle value (EUR)", type: "number", required: true, min: 500, max: 250_000 },
      { name: "annualMileage", label: "Annual mileage (km)", type: "number", required: true, min: 1000, max: 100_000 },
      { name: "coverType", label: "Cover", type: "enum", options: ["liability", "partial", "comprehensive"], required: true },
      startDate,
    ],
    extensions: { _tariffGeneration: "2025-01", _regionalClassesFrom: "2024-10-01" },
  },
  {
    id: "pr_lf9termlife00004",
    name: "Term Life",
    line: "life",
    description: "Level term life cover. Holders over 75 at the start date are declined.",
    personOnly: true,
    fields: [
      { name: "coverAmount", label: "Cover amount (EUR)", type: "number", required: true, min: 10_000, max: 2_000_000 },
      { name: "termYears", label: "Term (years)", type: "number", required: true, min: 5, max: 40 },
      { name: "smoker", label: "Smoker in the last 12 months", type: "boolean", required: true },
      { name: "beneficiary", label: "Beneficiary", type: "string", required: false },
      startDate,
    ],
    extensions: { _underwritingRule: "holder age at start <= 75" },
  },
  {
    id: "pr_he2dentalcare005",
    name: "Dental Care",
    line: "health",
    description: "Supplementary dental insurance. More than four missing teeth are declined.",
    personOnly: true,
    fields: [
      { name: "tariff", label: "Tariff", type: "enum", options: ["basic", "comfort", "premium"], required: true },
      { name: "missingTeeth", label: "Missing teeth (not replaced)", type: "number", required: true, min: 0, max: 32 },
      { name: "ongoingTreatment", label: "Treatment ongoing or planned", type: "boolean", required: true },
      startDate,
    ],
    extensions: { _underwritingRule: "missingTeeth <= 4" },
  },
  {
    id: "pr_lg5legalshield06",
    name: "Legal Shield",
    line: "legal",
    description: "Legal expenses insurance for private life, work and traffic.",
    personOnly: false,
    fields: [
      { name: "modules", label: "Modules", type: "enum", options: ["private", "private-work", "private-work-traffic"], required: true },
      { name: "deductible", label: "Deductible (EUR)", type: "enum", options: ["0", "150", "300"], required: true },
      startDate,
    ],
    extensions: {},
  },
];

export function findProduct(id: string): ProductDefinition | undefined {
  return PRODUCTS.find((product) => product.id === id);
}

/** Fields the provider sets in a contract's data; consumers cannot write them. */
export const PROVIDER_DATA_FIELDS = ["proposalFileId", "proposalVersion", "policyFileId"] as const;

/** The product as a FiNUM record (without id and updatedAt, which come from the table). */
export function productRecord(product: ProductDefinition): Record<string, unknown> {
  return {
    name: product.name,
    line: product.line,
    description: product.description,
    currency: "EUR",
    fields: product.fields,
    ...product.extensions,
  };
}
