/**
 * The message catalogues, one file per area and language (messages/<locale>/<area>.json), so
 * each area's texts live together and a change to one area never touches another's file. The
 * area is the first part of every key: "contracts.nextStep.order.title".
 */
import deAdmin from "./de/admin.json" with { type: "json" };
import deAdvice from "./de/advice.json" with { type: "json" };
import deApiAdmin from "./de/apiAdmin.json" with { type: "json" };
import deAuth from "./de/auth.json" with { type: "json" };
import deClients from "./de/clients.json" with { type: "json" };
import deCommon from "./de/common.json" with { type: "json" };
import deConsents from "./de/consents.json" with { type: "json" };
import deContracts from "./de/contracts.json" with { type: "json" };
import deCustomer from "./de/customer.json" with { type: "json" };
import deDossier from "./de/dossier.json" with { type: "json" };
import dePrivacy from "./de/privacy.json" with { type: "json" };
import deMail from "./de/mail.json" with { type: "json" };
import deOffice from "./de/office.json" with { type: "json" };
import dePipeline from "./de/pipeline.json" with { type: "json" };
import deProposals from "./de/proposals.json" with { type: "json" };
import deProviders from "./de/providers.json" with { type: "json" };
import deReceipt from "./de/receipt.json" with { type: "json" };
import deShell from "./de/shell.json" with { type: "json" };
import deStatus from "./de/status.json" with { type: "json" };
import deSync from "./de/sync.json" with { type: "json" };
import deTasks from "./de/tasks.json" with { type: "json" };
import deUsers from "./de/users.json" with { type: "json" };
import deNotifications from "./de/notifications.json" with { type: "json" };
import deReports from "./de/reports.json" with { type: "json" };
import enAdmin from "./en/admin.json" with { type: "json" };
import enAdvice from "./en/advice.json" with { type: "json" };
import enApiAdmin from "./en/apiAdmin.json" with { type: "json" };
import enAuth from "./en/auth.json" with { type: "json" };
import enClients from "./en/clients.json" with { type: "json" };
import enCommon from "./en/common.json" with { type: "json" };
import enConsents from "./en/consents.json" with { type: "json" };
import enContracts from "./en/contracts.json" with { type: "json" };
import enCustomer from "./en/customer.json" with { type: "json" };
import enDossier from "./en/dossier.json" with { type: "json" };
import enPrivacy from "./en/privacy.json" with { type: "json" };
import enMail from "./en/mail.json" with { type: "json" };
import enOffice from "./en/office.json" with { type: "json" };
import enPipeline from "./en/pipeline.json" with { type: "json" };
import enProposals from "./en/proposals.json" with { type: "json" };
import enProviders from "./en/providers.json" with { type: "json" };
import enReceipt from "./en/receipt.json" with { type: "json" };
import enShell from "./en/shell.json" with { type: "json" };
import enStatus from "./en/status.json" with { type: "json" };
import enSync from "./en/sync.json" with { type: "json" };
import enTasks from "./en/tasks.json" with { type: "json" };
import enUsers from "./en/users.json" with { type: "json" };
import enNotifications from "./en/notifications.json" with { type: "json" };
import enReports from "./en/reports.json" with { type: "json" };

export const catalogues = {
  de: {
    admin: deAdmin, advice: deAdvice, apiAdmin: deApiAdmin, auth: deAuth, clients: deClients, common: deCommon, consents: deConsents, contracts: deContracts, customer: deCustomer, mail: deMail,
    pipeline: dePipeline, proposals: deProposals, providers: deProviders, receipt: deReceipt, shell: deShell, status: deStatus, sync: deSync, users: deUsers,
    dossier: deDossier, privacy: dePrivacy,
    office: deOffice, tasks: deTasks,
    notifications: deNotifications, reports: deReports,
  },
  en: {
    admin: enAdmin, advice: enAdvice, apiAdmin: enApiAdmin, auth: enAuth, clients: enClients, common: enCommon, consents: enConsents, contracts: enContracts, customer: enCustomer, mail: enMail,
    pipeline: enPipeline, proposals: enProposals, providers: enProviders, receipt: enReceipt, shell: enShell, status: enStatus, sync: enSync, users: enUsers,
    dossier: enDossier, privacy: enPrivacy,
    office: enOffice, tasks: enTasks,
    notifications: enNotifications, reports: enReports,
  },
} as const;
