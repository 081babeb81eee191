import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { fetchMe, type Grant, type Me } from '../api/auth';
import { fetchPlace, fetchPlaces, type Place } from '../api/places';
import type { PeriodKind } from '../api/stats';
import { useQuery } from '../api/useQuery';

/*
 * Who is signed in and what they are looking at: the towns their grants reach (the town switch), the chosen town
 * and the period kind. Every page reads its scope from here; the server still filters every answer by the grants.
 */

export interface Town {
  code: string;
  name: string;
  nameEn: string | null;
}

interface Session {
  me: Me;
  towns: Town[];
  town: Town | undefined;
  setTown(code: string): void;
  period: PeriodKind;
  setPeriod(period: PeriodKind): void;
  refresh(): void;
}

const SessionContext = createContext<Session | undefined>(undefined);
const TOWN_KEY = 'shanzhi.town';
const PERIOD_KEY = 'shanzhi.period';

/** The towns a user's grants reach, in the order of the place list. */
export async function townsOf(grants: readonly Grant[], all: readonly Place[], signal?: AbortSignal): Promise<Town[]> {
  const codes = new Set<string>();
  for (const grant of grants) {
    if (grant.kind === 'all') {
      return all.map(toTown);
    }
    if (grant.kind === 'city' && grant.code) {
      for (const town of all.filter((place) => place.parentCode === grant.code)) {
        codes.add(town.code);
      }
    } else if (grant.kind === 'town' && grant.code) {
      codes.add(grant.code);
    } else if (grant.kind === 'department' && grant.code) {
      codes.add(grant.code.split('/')[0] ?? grant.code);
    } else if (grant.kind === 'village' && grant.code) {
      const village = await fetchPlace(grant.code, signal);
      if (village.townCode) {
        codes.add(village.townCode);
      }
    }
  }
  return all.filter((place) => codes.has(place.code)).map(toTown);
}

const toTown = (place: Place): Town => ({ code: place.code, name: place.name, nameEn: place.nameEn });

function remembered(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function remember(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

/** Loads /api/auth/me and the user's towns; renders `fallback(error)` until both are there. */
export function SessionProvider({
  children,
  fallback,
}: {
  children: ReactNode;
  fallback: (state: { loading: boolean; error: unknown; reload(): void }) => ReactNode;
}) {
  const state = useQuery('session', async (signal) => {
    // Both at once: the first page waits on this.
    const [me, all] = await Promise.all([fetchMe(), fetchPlaces({ level: 'town' }, signal)]);
    const towns = await townsOf(me.user?.grants ?? [], all, signal);
    return { me, towns };
  });
  const [townCode, setTownCode] = useState<string | null>(() => remembered(TOWN_KEY));
  const [period, setPeriodState] = useState<PeriodKind>(() => {
    const saved = remembered(PERIOD_KEY);
    return saved === 'week' || saved === 'quarter' ? saved : 'month';
  });
  const setTown = useCallback((code: string) => {
    setTownCode(code);
    remember(TOWN_KEY, code);
  }, []);
  const setPeriod = useCallback((next: PeriodKind) => {
    setPeriodState(next);
    remember(PERIOD_KEY, next);
  }, []);
  const data = state.data;
  const { reload } = state;
  useEffect(() => {
    if (data && data.towns.length > 0 && !data.towns.some((town) => town.code === townCode)) {
      setTownCode(data.towns[0]?.code ?? null);
    }
  }, [data, townCode]);
  const value = useMemo<Session | undefined>(
    () =>
      data && {
        me: data.me,
        towns: data.towns,
        town: data.towns.find((town) => town.code === townCode) ?? data.towns[0],
        setTown,
        period,
        setPeriod,
        refresh: reload,
      },
    [data, townCode, setTown, period, setPeriod, reload],
  );
  if (!value) {
    return <>{fallback({ loading: state.loading, error: state.error, reload })}</>;
  }
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) {
    throw new Error('useSession outside SessionProvider');
  }
  return value;
}
