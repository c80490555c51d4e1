/**
 * The message catalogues, one file per area and language (messages/<locale>/<area>.json), so
 * each area's texts live together and a change to one area never touches another's file. The
 * area is the first part of every key: "contracts.nextStep.order.title".
 */
import deAdmin from "./de/admin.json";
import deApiAdmin from "./de/apiAdmin.json";
import deAuth from "./de/auth.json";
import deClients from "./de/clients.json";
import deCommon from "./de/common.json";
import deContracts from "./de/contracts.json";
import deCustomer from "./de/customer.json";
import deMail from "./de/mail.json";
import dePipeline from "./de/pipeline.json";
import deProposals from "./de/proposals.json";
import deProviders from "./de/providers.json";
import deReceipt from "./de/receipt.json";
import deShell from "./de/shell.json";
import deStatus from "./de/status.json";
import deSync from "./de/sync.json";
import deUsers from "./de/users.json";
import enAdmin from "./en/admin.json";
import enApiAdmin from "./en/apiAdmin.json";
import enAuth from "./en/auth.json";
import enClients from "./en/clients.json";
import enCommon from "./en/common.json";
import enContracts from "./en/contracts.json";
import enCustomer from "./en/customer.json";
import enMail from "./en/mail.json";
import enPipeline from "./en/pipeline.json";
import enProposals from "./en/proposals.json";
import enProviders from "./en/providers.json";
import enReceipt from "./en/receipt.json";
import enShell from "./en/shell.json";
import enStatus from "./en/status.json";
import enSync from "./en/sync.json";
import enUsers from "./en/users.json";

export const catalogues = {
  de: {
    admin: deAdmin, apiAdmin: deApiAdmin, auth: deAuth, clients: deClients, common: deCommon, contracts: deContracts, customer: deCustomer, mail: deMail,
    pipeline: dePipeline, proposals: deProposals, providers: deProviders, receipt: deReceipt, shell: deShell, status: deStatus, sync: deSync, users: deUsers,
  },
  en: {
    admin: enAdmin, apiAdmin: enApiAdmin, auth: enAuth, clients: enClients, common: enCommon, contracts: enContracts, customer: enCustomer, mail: enMail,
    pipeline: enPipeline, proposals: enProposals, providers: enProviders, receipt: enReceipt, shell: enShell, status: enStatus, sync: enSync, users: enUsers,
  },
} as const;
