// One entry point for every contract request, shared by the Electron IPC binding
// and the web host: arguments are validated with the contract's zod schema where
// they enter main, then handed to the matching CalendarCore method.
import { Requests, type ContractResults, type RequestName } from '../../shared/contract';
import { InvalidInputError } from '../../shared/errors';
import type { CalendarCore } from './app';

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.hasOwn(Requests, name);
}

export async function dispatchRequest<N extends RequestName>(core: CalendarCore, name: N, rawArgs: unknown): Promise<ContractResults[N]> {
  const parsed = Requests[name].safeParse(rawArgs ?? {});
  if (!parsed.success) {
    throw new InvalidInputError(`The request "${name}" was malformed: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'arguments'} ${i.message}`).join('; ')}.`);
  }
  const handlers: { [K in RequestName]: (args: never) => Promise<ContractResults[K]> } = {
    getState: () => core.getState(),
    signIn: (a: ContractArgs<'signIn'>) => core.signIn(a),
    signOut: () => core.signOut(),
    connect: (a: ContractArgs<'connect'>) => core.connect(a),
    disconnect: (a: ContractArgs<'disconnect'>) => core.disconnect(a),
    setPreferences: (a: ContractArgs<'setPreferences'>) => core.setPreferences(a),
    previewPreferences: (a: ContractArgs<'previewPreferences'>) => core.previewPreferences(a),
    pendingDeletes: () => core.pendingDeletes(),
    decideDeletes: (a: ContractArgs<'decideDeletes'>) => core.decideDeletes(a),
    editItem: (a: ContractArgs<'editItem'>) => core.editItem(a),
    setItemSync: (a: ContractArgs<'setItemSync'>) => core.setItemSync(a),
    listCalendars: (a: ContractArgs<'listCalendars'>) => core.listCalendars(a.accountId),
    setCalendar: (a: ContractArgs<'setCalendar'>) => core.setCalendar(a),
    syncNow: (a: ContractArgs<'syncNow'>) => core.syncNow(a),
    retryFailed: () => core.retryFailed(),
    cancelConnect: () => core.cancelConnect(),
    listItems: () => core.listItems(),
    listConflicts: () => core.listConflicts(),
    resolveConflict: (a: ContractArgs<'resolveConflict'>) => core.resolveConflict(a),
    listAudit: (a: ContractArgs<'listAudit'>) => core.listAudit(a),
    exportAudit: () => core.exportAudit(),
    getMetrics: () => core.getMetrics(),
  };
  const handler = handlers[name] as (args: unknown) => Promise<ContractResults[N]>;
  return handler(parsed.data);
}

type ContractArgs<N extends RequestName> = import('../../shared/contract').RequestArgs<N>;
