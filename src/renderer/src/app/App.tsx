import { AppShell } from '@mantine/core';
import { useCallback, useReducer, useRef } from 'react';
import { CustomerPage } from '../customer/CustomerPage';
import { ScreenPopView } from '../screen-pop/ScreenPopView';
import { SearchResults } from '../search/SearchResults';
import { SettingsView } from '../settings/SettingsView';
import { useCustomerSearch } from '../search/use-customer-search';
import { AppHeader } from './AppHeader';
import { HomeView } from './HomeView';
import { initialNavigation, navigate } from './navigation';
import { useAppInfo } from './use-app-info';
import { useKoeEvents } from './use-koe-events';

const HEADER_HEIGHT = 72;

export function App() {
  const [state, dispatch] = useReducer(navigate, initialNavigation);
  const searchInput = useRef<HTMLInputElement>(null);
  const appInfo = useAppInfo();
  const search = useCustomerSearch(state.query, state.view.kind === 'search');
  useKoeEvents(dispatch);

  const focusSearch = useCallback(() => {
    searchInput.current?.focus();
    searchInput.current?.select();
  }, []);
  const openCustomer = useCallback(
    (customerId: string, from: 'search' | 'screenPop') =>
      dispatch({ type: 'openCustomer', customerId, from }),
    [],
  );
  const searchFor = useCallback(
    (query: string) => {
      dispatch({ type: 'queryChanged', query });
      focusSearch();
    },
    [focusSearch],
  );

  const openSettings = useCallback(() => dispatch({ type: 'openSettings' }), []);

  const { view } = state;
  return (
    <AppShell header={{ height: HEADER_HEIGHT }} padding="md">
      <AppShell.Header>
        <AppHeader
          appInfo={appInfo}
          query={state.query}
          onQueryChange={(query) => dispatch({ type: 'queryChanged', query })}
          onSearchKey={(event) => search.handleKey(event, (id) => openCustomer(id, 'search'))}
          activeDescendant={view.kind === 'search' ? search.activeOptionId : undefined}
          searchListId={search.listId}
          searchInputRef={searchInput}
          onFocusSearch={focusSearch}
          onScreenPop={(phone) => dispatch({ type: 'screenPop', phone })}
          settingsOpen={view.kind === 'settings'}
          onOpenSettings={openSettings}
        />
      </AppShell.Header>
      <AppShell.Main>
        {view.kind === 'home' && <HomeView appInfo={appInfo} />}
        {view.kind === 'search' && (
          <SearchResults search={search} onOpen={(id) => openCustomer(id, 'search')} />
        )}
        {view.kind === 'customer' && (
          <CustomerPage
            customerId={view.customerId}
            onBack={view.from === 'search' ? () => dispatch({ type: 'backToSearch' }) : undefined}
          />
        )}
        {view.kind === 'screenPop' && (
          <ScreenPopView
            key={view.popId}
            phone={view.phone}
            onOpen={(id) => openCustomer(id, 'screenPop')}
            onSearch={searchFor}
          />
        )}
        {view.kind === 'settings' && (
          <SettingsView appInfo={appInfo} onClose={() => dispatch({ type: 'closeSettings' })} />
        )}
      </AppShell.Main>
    </AppShell>
  );
}
